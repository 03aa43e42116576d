// fluxos micro-benchmarks, side by side in one process: one EIP-1559 ERC-20 transfer signed and
// encoded by fluxos, viem and ethers (the same transaction, bytes checked identical), and
// `authorize` of a 10-line cart through the addon. Prints JSON. Run by bench/node.sh.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../../tests/js/package.json', import.meta.url))
const fluxos = createRequire(import.meta.url)('../../flux-node/index.cjs')
const { privateKeyToAccount } = require('viem/accounts')
const { encodeFunctionData, parseAbi } = require('viem')
const { Wallet } = require('ethers')

// The public, never-funded sandbox key, from the signing vector every host checks.
const KEY = JSON.parse(readFileSync(new URL('../../testdata/sandbox-signing.json', import.meta.url), 'utf8')).key
const TX = { to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', units: 10_500_000n, nonce: 7n, chainId: 5042002, token: '0x3600000000000000000000000000000000000000', gas: 100_000n, maxFee: 40_000_000_000n, tip: 1_000_000_000n }

/** Median time per call (µs) over `rounds` batches of `n` calls, after a warm-up. */
async function time(fn, n, rounds = 7) {
  for (let i = 0; i < n; i++) await fn()
  const per = []
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint()
    for (let i = 0; i < n; i++) await fn()
    per.push(Number(process.hrtime.bigint() - t) / n / 1000)
  }
  return per.sort((a, b) => a - b)[rounds >> 1]
}

const syncTime = (fn, n, rounds = 7) => {
  for (let i = 0; i < n; i++) fn()
  const per = []
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint()
    for (let i = 0; i < n; i++) fn()
    per.push(Number(process.hrtime.bigint() - t) / n / 1000)
  }
  return per.sort((a, b) => a - b)[rounds >> 1]
}

const abi = parseAbi(['function transfer(address to, uint256 amount) returns (bool)'])
const account = privateKeyToAccount(KEY)
const wallet = new Wallet(KEY)
const flux = () => fluxos.sandboxSignTransfer({ to: TX.to, amount: fluxos.fromUnits(TX.units), nonce: TX.nonce, chainId: BigInt(TX.chainId), token: TX.token, gasLimit: TX.gas, maxFeePerGas: TX.maxFee, maxPriorityFeePerGas: TX.tip }).rawTx
const viem = () => account.signTransaction({ type: 'eip1559', chainId: TX.chainId, nonce: Number(TX.nonce), gas: TX.gas, maxFeePerGas: TX.maxFee, maxPriorityFeePerGas: TX.tip, to: TX.token, value: 0n, data: encodeFunctionData({ abi, functionName: 'transfer', args: [TX.to, TX.units] }), accessList: [] })
const ethers = () => wallet.signTransaction({ type: 2, chainId: TX.chainId, nonce: Number(TX.nonce), gasLimit: TX.gas, maxFeePerGas: TX.maxFee, maxPriorityFeePerGas: TX.tip, to: TX.token, value: 0n, data: encodeFunctionData({ abi, functionName: 'transfer', args: [TX.to, TX.units] }), accessList: [] })

const raw = flux()
for (const [who, fn] of [['viem', viem], ['ethers', ethers]]) {
  const theirs = await fn()
  if (theirs.toLowerCase() !== raw.toLowerCase()) throw new Error(`${who} bytes differ:\n flux ${raw}\n ${who} ${theirs}`)
}
const sign = { fluxos_us: syncTime(flux, 20_000), viem_us: await time(viem, 500), ethers_us: await time(ethers, 500) }
sign.viem_over_fluxos = +(sign.viem_us / sign.fluxos_us).toFixed(1)
sign.ethers_over_fluxos = +(sign.ethers_us / sign.fluxos_us).toFixed(1)

// authorize: a 10-line cart the kernel proposed (approved by the demo policy).
const f = new fluxos.Flux()
const proposal = await f.orchestrate({ prompt: 'team of 10: snacks, drinks, badges, lanyards, cables, adapters, office supplies, tableware, cleaning supplies, swag', budget: '990', deadline_days: 10, strategy: 'cheapest' })
const lines = JSON.parse(JSON.stringify(proposal.options))
const text = JSON.stringify(lines)
const decision = f.authorize(proposal)
if (decision.decision !== 'allow' || proposal.options.length !== 10) throw new Error(`expected an approved 10-line cart, got ${proposal.options.length} lines, ${decision.decision}`)
f.takeAuditJsonl()
const authorize = {
  lines: proposal.options.length,
  kernel_cart_us: syncTime(() => f.authorize(proposal), 50_000),
  plain_lines_us: syncTime(() => f.authorize(lines), 5_000),
  json_text_us: syncTime(() => f.authorize(text), 5_000),
  note: 'kernel_cart: a cart the kernel returned (no conversion in); plain_lines / json_text: client data converted by the core each call',
}

console.log(JSON.stringify({ node: process.version, sign_erc20_transfer: { ...sign, identical_bytes: true }, authorize }, null, 2))
