// The shared vectors in testdata/: every host produces byte-identical canonical JSON.
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { test } from 'node:test'

import { Flux, canonicalJson, fromUnits, sandboxAddress, sandboxSignTransfer } from '../index.mjs'

const TESTDATA = new URL('../../testdata/', import.meta.url)
const VECTORS = readdirSync(new URL('vectors/', TESTDATA)).filter((f) => f.endsWith('.json')).sort()

function config(v) {
  const inline = v.catalog === undefined || v.catalog === 'embedded' ? null : typeof v.catalog === 'string' ? JSON.parse(v.catalog) : v.catalog
  const catalogs = inline === null ? undefined : v.with_embedded_catalog === false ? [inline] : ['embedded', inline]
  const policy = typeof v.policy === 'string' && v.policy.trimStart().startsWith('{') ? JSON.parse(v.policy) : v.policy ?? 'demo'
  const now = Number(v.now_ms ?? v.now)
  return { catalogs, policy, settler: v.settler ?? 'sandbox', now_ms: now < 32_503_680_000 ? now * 1000 : now }
}

function withoutTelemetry(proposal) {
  const { telemetry, ...canonical } = proposal
  assert.equal(typeof telemetry, 'object')
  return canonical
}

test('there are vectors to run', () => assert.ok(VECTORS.length >= 8, `${VECTORS.length} vectors`))

for (const file of VECTORS) {
  test(`vector ${file}`, async () => {
    const v = JSON.parse(readFileSync(new URL(`vectors/${file}`, TESTDATA), 'utf8'))
    const flux = new Flux(config(v))
    // The seed's raw body (numbers read from their text) and the object form (numbers under the
    // host rule) must agree.
    const proposal = await flux.orchestrate(JSON.stringify(v.intent))
    const fromObject = await flux.orchestrate(v.intent)
    assert.equal(canonicalJson(withoutTelemetry(fromObject)), canonicalJson(withoutTelemetry(proposal)))
    const keys = Object.keys(v.expected)
    assert.ok(keys.length > 0)
    for (const key of keys) {
      const want = typeof v.expected[key] === 'string' ? v.expected[key] : canonicalJson(v.expected[key])
      let got
      if (key === 'proposal') got = canonicalJson(withoutTelemetry(proposal))
      else if (key === 'cart_id') got = proposal.cart_id
      else if (key === 'decision') got = canonicalJson(flux.authorize(proposal))
      else if (key === 'intent_hash') got = proposal.intent_hash
      else assert.fail(`${file}: unknown expected key ${key} (teach this runner about it)`)
      assert.equal(got, want, `${file}: ${key} differs`)
    }
    // The same decision from plain lines sent back by a client (a fresh conversion).
    if (keys.includes('decision')) {
      const fromLines = flux.authorize(JSON.parse(JSON.stringify(proposal.options)))
      assert.equal(fromLines.decision, JSON.parse(v.expected.decision).decision)
    }
  })
}

test('sandbox signing vector: exact bytes and hashes', () => {
  const v = JSON.parse(readFileSync(new URL('sandbox-signing.json', TESTDATA), 'utf8'))
  assert.equal(sandboxAddress(), v.from)
  assert.ok(v.transactions.length > 0)
  for (const t of v.transactions) {
    const tx = t.tx
    const signed = sandboxSignTransfer({
      to: tx.to,
      amount: fromUnits(BigInt(tx.amount_units)),
      nonce: BigInt(tx.nonce),
      chainId: BigInt(tx.chain_id),
      token: tx.token,
      gasLimit: BigInt(tx.gas_limit),
      maxFeePerGas: BigInt(tx.max_fee_per_gas),
      maxPriorityFeePerGas: BigInt(tx.max_priority_fee_per_gas),
    })
    assert.equal(signed.rawTx, t.raw_tx)
    assert.equal(signed.txHash, t.tx_hash)
  }
})
