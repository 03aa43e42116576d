// Re-signs every transaction of a Flux signing vector with viem and with ethers and checks the
// raw bytes and hashes are byte-identical; recovers the sender from Flux's bytes.
// Usage: node tests/js/crosscheck.mjs <vector.json>
import { readFileSync } from "node:fs";
import { privateKeyToAccount } from "viem/accounts";
import { encodeFunctionData, keccak256, recoverTransactionAddress, parseAbi } from "viem";
import { Wallet, Transaction } from "ethers";

const vector = JSON.parse(readFileSync(process.argv[2], "utf8"));
const abi = parseAbi(["function transfer(address to, uint256 amount) returns (bool)"]);
const account = privateKeyToAccount(vector.key);
const wallet = new Wallet(vector.key);
let n = 0;
for (const t of vector.transactions) {
  const tx = t.tx;
  const data = encodeFunctionData({ abi, functionName: "transfer", args: [tx.to, BigInt(tx.amount_units)] });
  const viemRaw = await account.signTransaction({
    type: "eip1559", chainId: tx.chain_id, nonce: tx.nonce, gas: BigInt(tx.gas_limit),
    maxFeePerGas: BigInt(tx.max_fee_per_gas), maxPriorityFeePerGas: BigInt(tx.max_priority_fee_per_gas),
    to: tx.token, value: 0n, data, accessList: [],
  });
  const ethersRaw = await wallet.signTransaction({
    type: 2, chainId: tx.chain_id, nonce: tx.nonce, gasLimit: BigInt(tx.gas_limit),
    maxFeePerGas: BigInt(tx.max_fee_per_gas), maxPriorityFeePerGas: BigInt(tx.max_priority_fee_per_gas),
    to: tx.token, value: 0n, data, accessList: [],
  });
  for (const [who, raw] of [["viem", viemRaw], ["ethers", ethersRaw]]) {
    if (raw.toLowerCase() !== t.raw_tx.toLowerCase()) {
      console.error(`${who} bytes differ for nonce ${tx.nonce}:\n flux ${t.raw_tx}\n ${who} ${raw}`);
      process.exit(1);
    }
  }
  if (keccak256(t.raw_tx) !== t.tx_hash.toLowerCase()) { console.error("hash mismatch"); process.exit(1); }
  const from = await recoverTransactionAddress({ serializedTransaction: t.raw_tx });
  const parsed = Transaction.from(t.raw_tx);
  if (from.toLowerCase() !== vector.from.toLowerCase() || parsed.from.toLowerCase() !== vector.from.toLowerCase()) {
    console.error(`recovered ${from} / ${parsed.from}, expected ${vector.from}`);
    process.exit(1);
  }
  n++;
}
console.log(`viem + ethers: ${n} transaction(s) byte-identical, sender recovered`);
