#!/usr/bin/env python3
"""Writes the shopping-list fixtures under testdata/documents/ (deterministic, no dependencies).

The PDF is built by hand — one page, Helvetica, one text object per line — so its text layer is
exactly the list; the PNG is a valid 8x8 image (what a vision model would be sent).
"""
import pathlib
import struct
import zlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "testdata" / "documents"

LINES = [
    "Hackathon shopping list",
    "Energy drinks x 24",
    "USB-C hubs - 10",
    "Badges: 50",
    "Budget: 2000 USDC",
]


def pdf(lines):
    """A one-page PDF whose text layer is `lines`, with a correct cross-reference table."""
    ops = []
    for i, line in enumerate(lines):
        text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"BT /F1 14 Tf 72 {720 - 24 * i} Td ({text}) Tj ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png(width=8, height=8):
    """A grey RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "shopping-list.pdf").write_bytes(pdf(LINES))
    (OUT / "shopping-list.png").write_bytes(png())
    (OUT / "shopping-list.md").write_text(
        "# Hackathon kit\n\n"
        "Budget: 2000\n\n"
        "- [ ] **Energy drinks** x 24\n"
        "- [ ] USB-C hubs (10)\n"
        "1. lanyards: 50\n"
        "* [name badges](https://example.com/badges) - 50\n\n"
        "| Item | Qty |\n|---|---|\n| granola bars | 40 |\n"
    )
    (OUT / "shopping-list.csv").write_text(
        "Item,Quantity,Colour\nenergy drinks,24,\nusb-c hubs,10,\nt-shirts,30,black\n"
    )
    (OUT / "shopping-list.txt").write_text("24 energy drinks\n10 usb-c hubs\n50 badges\n")


if __name__ == "__main__":
    main()
