#!/usr/bin/env python3
"""Regenerates flux-core/data/catalog.json, the embedded catalog (deterministic: no randomness).

Each product line is offered by the vendors that carry its category, with vendor-specific
pricing, delivery times and stock. Run from the repository root; commit the output.
"""
import json
import pathlib

VENDORS = [
    {"id": "amazon", "name": "Amazon", "trust_score": 92,
     "volume_tiers": [{"min_packs": 10, "discount_bps": 300}, {"min_packs": 50, "discount_bps": 700}],
     "promotions": [{"id": "amz-prime-swag", "label": "Prime Day: swag 10% off", "category": "swag", "discount_bps": 1000}]},
    {"id": "walmart", "name": "Walmart", "trust_score": 88,
     "volume_tiers": [{"min_packs": 12, "discount_bps": 400}, {"min_packs": 40, "discount_bps": 800}],
     "promotions": [{"id": "wmt-rollback-snacks", "label": "Rollback: snacks 8% off", "category": "snacks", "discount_bps": 800},
                    {"id": "wmt-rollback-drinks", "label": "Rollback: drinks 5% off", "category": "drinks", "discount_bps": 500}]},
    {"id": "tech_direct", "name": "TechData", "trust_score": 95,
     "volume_tiers": [{"min_packs": 5, "discount_bps": 500}, {"min_packs": 20, "discount_bps": 1200}],
     "promotions": [{"id": "td-q4-networking", "label": "Q4 partner pricing: networking 6% off", "category": "networking", "discount_bps": 600}]},
]

# vendor -> (price factor in percent, delivery days for general goods, delivery for tech, stock factor)
PROFILE = {
    "amazon": (100, 2, 1, 10),
    "walmart": (94, 4, 5, 8),
    "tech_direct": (97, 6, 2, 6),
}

TECH = {"adapters", "cables", "power", "av_gear", "networking"}
CARRIERS = {
    "amazon": None,  # everything
    "walmart": {"snacks", "drinks", "badges", "lanyards", "cables", "power", "prizes", "swag", "office_supplies",
                "furniture_rental", "cleaning", "tableware", "adapters"},
    "tech_direct": {"adapters", "cables", "power", "av_gear", "networking", "prizes", "office_supplies", "furniture_rental", "badges"},
}

# category -> [(sku, product name, base price in cents per pack, pack size, base stock in packs)]
PRODUCTS = {
    "snacks": [("trail-mix", "Trail Mix Snack Packs, 1.5 oz", 1899, 24, 40),
               ("granola", "Chewy Granola Bars Variety Pack", 1549, 48, 60),
               ("chips", "Kettle Chips Variety Box, 1 oz bags", 2299, 40, 35),
               ("pretzels", "Mini Pretzel Twists Snack Bags", 1299, 36, 50),
               ("popcorn", "Lightly Salted Popcorn, 0.6 oz bags", 1649, 36, 30)],
    "drinks": [("energy", "Sugar-Free Energy Drink, 12 fl oz cans", 3199, 24, 45),
               ("water", "Purified Bottled Water, 16.9 fl oz", 599, 24, 120),
               ("sparkling", "Sparkling Water Variety, 12 fl oz cans", 1099, 24, 70),
               ("cold-brew", "Cold Brew Coffee, 11 fl oz cans", 2899, 12, 25),
               ("soda", "Assorted Soda, 12 fl oz cans", 1249, 24, 80)],
    "badges": [("pvc-holder", "Clear PVC Badge Holders, horizontal", 1499, 50, 40),
               ("name-tags", "\"Hello My Name Is\" Name Tag Stickers", 899, 100, 60),
               ("printed", "Custom Printed Event Badges, full color", 6499, 50, 15),
               ("magnetic", "Magnetic Name Badge Backs", 2199, 25, 20)],
    "lanyards": [("basic", "Flat Polyester Lanyards with Swivel Hook", 1799, 50, 40),
                 ("breakaway", "Breakaway Safety Lanyards", 2199, 50, 30),
                 ("custom", "Custom Printed Lanyards, 3/4 inch", 8999, 100, 10),
                 ("recycled", "Recycled PET Lanyards", 2499, 50, 25)],
    "adapters": [("hub-7in1", "USB-C Hub 7-in-1, 4K HDMI, 100W PD", 3499, 1, 80),
                 ("hdmi", "USB-C to HDMI Adapter, 4K60", 1599, 1, 120),
                 ("ethernet", "USB-C to Gigabit Ethernet Adapter", 1899, 1, 90),
                 ("dock", "USB-C Docking Station, dual display", 11999, 1, 30),
                 ("travel", "Universal Travel Adapter with USB-C", 2599, 1, 60)],
    "cables": [("usbc-6ft", "USB-C to USB-C Cable, 6 ft, 100W", 1199, 2, 150),
               ("lightning", "USB-C to Lightning Cable, 6 ft", 1399, 2, 100),
               ("hdmi-10ft", "HDMI 2.1 Cable, 10 ft", 1499, 1, 90),
               ("cat6", "Cat6 Ethernet Cable, 25 ft", 1299, 1, 70)],
    "power": [("strip-12", "12-Outlet Surge Protector Power Strip", 3299, 1, 60),
              ("cord-50", "50 ft Outdoor Extension Cord, 14 AWG", 3999, 1, 40),
              ("usb-station", "6-Port USB-C Charging Station, 120W", 4599, 1, 35),
              ("reel", "Retractable Cord Reel, 4 outlets", 6999, 1, 15)],
    "prizes": [("headphones", "Noise-Cancelling Wireless Headphones", 24999, 1, 20),
               ("gift-card", "$100 Visa Gift Card", 10595, 1, 100),
               ("keyboard", "Mechanical Keyboard, hot-swappable", 8999, 1, 25),
               ("tablet", "10-inch Tablet, 64 GB", 13999, 1, 15),
               ("smartwatch", "Fitness Smartwatch", 17999, 1, 12)],
    "swag": [("tshirt", "Custom Printed T-Shirts, unisex", 44999, 50, 10),
             ("stickers", "Die-Cut Vinyl Logo Stickers", 5999, 100, 30),
             ("bottle", "Insulated Water Bottles, laser engraved", 39999, 25, 8),
             ("tote", "Canvas Tote Bags, printed", 19999, 50, 12)],
    "office_supplies": [("pens", "Retractable Gel Pens, black", 1299, 24, 80),
                        ("notebooks", "Spiral Notebooks, college ruled", 1999, 12, 60),
                        ("sticky", "Sticky Notes Super Sticky, 3x3", 1749, 24, 70),
                        ("markers", "Dry Erase Markers, chisel tip", 1399, 12, 90)],
    "furniture_rental": [("table-6ft", "6 ft Folding Table Rental (per day)", 1200, 1, 200),
                         ("chair", "Folding Chair Rental (per day)", 350, 1, 600),
                         ("cocktail", "Cocktail Table Rental (per day)", 1800, 1, 80),
                         ("standing-desk", "Standing Desk Rental (per day)", 4500, 1, 40)],
    "av_gear": [("projector", "4K Laser Projector Rental Kit", 34999, 1, 10),
                ("mic", "Wireless Handheld Microphone System", 12999, 1, 25),
                ("speaker", "Portable PA Speaker, 1000W", 29999, 1, 15),
                ("webcam", "1080p Conference Webcam", 7999, 1, 40),
                ("screen", "100-inch Portable Projection Screen", 11999, 1, 20)],
    "cleaning": [("wipes", "Disinfecting Wipes, 75 count", 2499, 6, 50),
                 ("trash-bags", "Heavy Duty Trash Bags, 33 gal", 2199, 90, 40),
                 ("towels", "Paper Towels, 12 rolls", 2899, 12, 45),
                 ("sanitizer", "Hand Sanitizer Pump Bottles, 12 oz", 2399, 12, 35)],
    "networking": [("ap", "Wi-Fi 6 Access Point, PoE", 12999, 1, 30),
                   ("switch-24", "24-Port Gigabit PoE Switch", 28999, 1, 15),
                   ("router", "Wi-Fi 6 Router, tri-band", 19999, 1, 20),
                   ("travel-router", "Portable Travel Router", 5999, 1, 35)],
    "tableware": [("plates", "Compostable Paper Plates, 10 inch", 2499, 100, 40),
                  ("cups", "Compostable Cold Cups, 16 oz", 2199, 100, 45),
                  ("napkins", "Recycled Paper Napkins", 999, 250, 60),
                  ("cutlery", "Compostable Cutlery Set", 2799, 100, 30)],
}

PREFIX = {"amazon": "amz", "walmart": "wmt", "tech_direct": "td"}
BRAND = {"amazon": "Amazon Basics", "walmart": "Great Value", "tech_direct": "TD Pro"}


def price(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def main():
    offers = []
    for cat, products in PRODUCTS.items():
        for idx, (sku, name, cents, pack, stock) in enumerate(products):
            for vendor in ("amazon", "walmart", "tech_direct"):
                carries = CARRIERS[vendor]
                if carries is not None and cat not in carries:
                    continue
                factor, general_days, tech_days, stock_factor = PROFILE[vendor]
                # A deterministic wobble per (product, vendor) so no vendor always wins.
                wobble = ((idx * 7 + len(vendor) * 3 + len(sku)) % 9) - 4  # -4..+4 percent
                p = cents * (factor + wobble) // 100
                p = p - (p % 100) + 99 if p > 1000 else p  # retail-style .99 endings above $10
                days = tech_days if cat in TECH else general_days
                days += (idx + len(vendor)) % 3 - 1 if days > 1 else 0
                offers.append({
                    "id": f"{PREFIX[vendor]}-{cat.replace('_', '-')}-{sku}",
                    "vendor_id": vendor,
                    "category": cat,
                    "name": f"{BRAND[vendor]} {name}" if vendor != "amazon" or idx % 2 == 0 else name,
                    "price": price(p),
                    "pack_size": pack,
                    "delivery_days": max(days, 1),
                    "stock": stock * stock_factor // 10 + (idx % 4),
                })
    doc = {"vendors": VENDORS, "offers": offers}
    out = pathlib.Path("flux-core/data/catalog.json")
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    cats = {o["category"] for o in offers}
    print(f"{len(offers)} offers, {len(cats)} categories, {len(VENDORS)} vendors -> {out}")


if __name__ == "__main__":
    main()
