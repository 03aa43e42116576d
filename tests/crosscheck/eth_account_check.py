"""Re-signs every transaction of a Flux signing vector with eth-account and checks the raw bytes
and hashes are byte-identical; recovers the sender from Flux's bytes with eth-account and, as a
fully independent decoder, with coincurve over the RLP payload.

Usage: python tests/crosscheck/eth_account_check.py <vector.json>
"""
import json
import sys

import rlp
from coincurve import PublicKey
from eth_account import Account
from eth_utils import keccak, to_checksum_address

TRANSFER = bytes.fromhex("a9059cbb")


def calldata(to: str, units: int) -> bytes:
    return TRANSFER + bytes(12) + bytes.fromhex(to[2:]) + units.to_bytes(32, "big")


def recover_with_coincurve(raw: bytes) -> str:
    assert raw[0] == 2, "not an EIP-1559 transaction"
    fields = rlp.decode(raw[1:])
    unsigned, (y, r, s) = fields[:9], fields[9:]
    digest = keccak(b"\x02" + rlp.encode(unsigned))
    sig = r.rjust(32, b"\0") + s.rjust(32, b"\0") + (y or b"\0")
    pub = PublicKey.from_signature_and_message(sig, digest, hasher=None).format(compressed=False)
    return to_checksum_address(keccak(pub[1:])[-20:])


def main() -> int:
    vector = json.load(open(sys.argv[1]))
    n = 0
    for t in vector["transactions"]:
        tx = t["tx"]
        fields = {
            "type": 2,
            "chainId": tx["chain_id"],
            "nonce": tx["nonce"],
            "gas": tx["gas_limit"],
            "maxFeePerGas": int(tx["max_fee_per_gas"]),
            "maxPriorityFeePerGas": int(tx["max_priority_fee_per_gas"]),
            "to": to_checksum_address(tx["token"]),
            "value": 0,
            "data": calldata(tx["to"], int(tx["amount_units"])),
            "accessList": [],
        }
        signed = Account.sign_transaction(fields, vector["key"])
        raw = "0x" + bytes(signed.raw_transaction).hex()
        if raw != t["raw_tx"].lower():
            print(f"eth-account bytes differ for nonce {tx['nonce']}:\n flux {t['raw_tx']}\n eth  {raw}", file=sys.stderr)
            return 1
        if "0x" + bytes(signed.hash).hex() != t["tx_hash"].lower():
            print("hash differs", file=sys.stderr)
            return 1
        raw_bytes = bytes.fromhex(t["raw_tx"][2:])
        for who, got in (("eth-account", Account.recover_transaction(raw_bytes)), ("coincurve", recover_with_coincurve(raw_bytes))):
            if got.lower() != vector["from"].lower():
                print(f"{who} recovered {got}, expected {vector['from']}", file=sys.stderr)
                return 1
        n += 1
    print(f"eth-account + coincurve: {n} transaction(s) byte-identical, sender recovered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
