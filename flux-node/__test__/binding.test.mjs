// The binding itself: conversions, error classes and codes (sync and async), exact money in
// results, Promises under concurrency, worker_threads, both entry points, fresh generated files.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { Worker } from 'node:worker_threads'

import * as fluxos from '../index.mjs'

const { Flux, FluxError, InvalidInput, PolicyViolation, ConfigError } = fluxos
const require = createRequire(import.meta.url)
const PROMPT = 'hackathon kit: snacks, badges, prizes'
const AMOUNT_KEYS = new Set(['amount', 'budget', 'line_total', 'original_price', 'price', 'remaining_budget', 'total', 'unit_price'])

/** Every amount in a result is an exact decimal string; no money is a JS number anywhere. */
function assertExactMoney(value, path = '$') {
  if (Array.isArray(value)) return value.forEach((v, i) => assertExactMoney(v, `${path}[${i}]`))
  if (value === null || typeof value !== 'object') return
  for (const [k, v] of Object.entries(value)) {
    if (k === 'score' || k === 'telemetry') continue // integer scores (0..1000) and timings, not money
    if (AMOUNT_KEYS.has(k) && typeof v !== 'object') {
      assert.equal(typeof v, 'string', `${path}.${k} is a ${typeof v}`)
      assert.match(v, /^\d+(\.\d{1,6})?$/, `${path}.${k}`)
    }
    assertExactMoney(v, `${path}.${k}`)
  }
}

test('amounts in: string, bigint, number under the host rule; out: exact strings and bigint units', () => {
  assert.equal(fluxos.parseAmount('12.50'), '12.5')
  assert.equal(fluxos.parseAmount(500n), '500')
  assert.equal(fluxos.parseAmount(0.1), '0.1')
  assert.equal(fluxos.parseAmount(45.123456), '45.123456')
  assert.equal(fluxos.toUnits('12.5'), 12_500_000n)
  assert.equal(fluxos.fromUnits(12_500_000n), '12.5')
  assert.equal(fluxos.fromUnits(1), '0.000001')
  for (const bad of [0.1 + 0.2, Number.NaN, Infinity, -1, -0, 1e21, 2 ** 53 + 1, 0.1234567, 'abc', '1.2.3', -5n]) {
    assert.throws(() => fluxos.parseAmount(bad), (e) => e instanceof InvalidInput && e.code === 'INVALID_AMOUNT', String(bad))
  }
  for (const bad of [true, null, undefined, {}, [1]]) assert.throws(() => fluxos.parseAmount(bad), TypeError)
  assert.throws(() => fluxos.fromUnits(-1n), (e) => e.code === 'INVALID_AMOUNT' && e.message === 'amount "-1 units" is out of range')
  assert.throws(() => fluxos.fromUnits(2 ** 53), (e) => e.code === 'INVALID_AMOUNT' && /pass a bigint/.test(e.message))
  // The float rule says why: past 15 significant digits a float may not be the number typed.
  assert.throws(() => fluxos.parseAmount(2 ** 53), (e) => e.code === 'INVALID_AMOUNT' && /more significant digits/.test(e.message))
  // Every safe integer is exact; what was sent is named, not the word "units".
  assert.equal(fluxos.fromUnits(Number.MAX_SAFE_INTEGER), '9007199254.740991')
  for (const bad of [1.5, -0, ' 5', 'abc', 2 ** 53]) {
    assert.throws(() => fluxos.fromUnits(bad), (e) => e.code === 'INVALID_AMOUNT' && e.message.includes(String(bad).trim() || '0'), String(bad))
  }
})

test('results are plain objects equal to the core JSON, with money as exact strings', async () => {
  const flux = new Flux({ now_ms: 1_764_000_000_000 })
  const proposal = await flux.orchestrate({ prompt: PROMPT, budget: 500, deadline_days: 7 })
  assert.equal(Object.getPrototypeOf(proposal), Object.prototype)
  assert.equal(typeof proposal.total, 'string')
  assert.ok(Object.isFrozen(proposal) && Object.isFrozen(proposal.options[0]))
  assertExactMoney(proposal)
  const decision = flux.authorize(proposal)
  assert.equal(decision.decision, 'allow')
  assertExactMoney(decision)
  assert.equal(decision.cart.total, proposal.total)
  // The lazily materialized cart is part of the plain object: JSON and deep equality see it.
  assert.deepEqual(JSON.parse(JSON.stringify(decision)).cart, decision.cart)
  const settlement = await flux.execute(proposal, { intentHash: proposal.intent_hash })
  assert.equal(settlement.status, 'success')
  assertExactMoney(settlement)
  assert.equal(settlement.transaction_hashes.length, new Set(proposal.options.map((l) => l.vendor_id)).size)
  const bundle = fluxos.receiptBundle(settlement)
  assert.equal(bundle.intent_hash, proposal.intent_hash)
  const report = await flux.verify(bundle)
  assert.equal(report.ok, true)
  assert.deepEqual(report.legs.map((l) => l.tx_hash), settlement.transaction_hashes)
  const again = await flux.execute(JSON.parse(JSON.stringify(proposal.options)))
  assert.equal(again.replayed, true, 'the same cart from plain lines replays; it never pays twice')
  assert.deepEqual(again.transaction_hashes, settlement.transaction_hashes)
  const events = flux.auditEvents()
  assert.deepEqual([...new Set(events.map((e) => e.phase))], ['plan', 'act', 'verify'])
  assert.equal(fluxos.verifyAuditJsonl(flux.auditJsonl(), { head: flux.auditHead() }), events.length)
  const tampered = flux.auditJsonl().replace('"allow"', '"deny"').replace('policy.allowed', 'policy.denied')
  assert.throws(() => fluxos.verifyAuditJsonl(tampered), (e) => e instanceof FluxError && typeof e.code === 'string')
})

test('cart edits: remove, quantity, replace by an alternative, units', async () => {
  const flux = new Flux()
  const p = await flux.orchestrate({ prompt: PROMPT, budget: '500', deadline_days: 7 })
  const first = p.options[0]
  const removed = fluxos.removeLine(p, first.id)
  assert.equal(removed.lines.length, p.options.length - 1)
  const doubled = fluxos.setQuantity(p, first.id, first.quantity * 2)
  assert.equal(doubled.lines[0].line_total, fluxos.fromUnits(fluxos.toUnits(first.line_total) * 2n))
  const alt = p.alternatives[0].options.find((o) => o.offer_id !== first.id)
  const replaced = await flux.replaceLine(p, first.id, alt.offer_id, alt.units, p)
  assert.equal(replaced.lines[0].id, alt.offer_id)
  assert.notEqual(fluxos.cartId(replaced), p.cart_id)
  const more = await flux.setUnits(replaced, alt.offer_id, alt.units * 3, p.intent)
  assert.ok(more.lines[0].units >= alt.units * 3)
  assert.equal(flux.authorize(more).decision, 'allow')
  await assert.rejects(flux.replaceLine(p, first.id, 'no-such-offer', 1, p), (e) => e instanceof InvalidInput && e.code !== undefined)
  assert.throws(() => fluxos.removeLine(p, 'no-such-line'), (e) => e instanceof InvalidInput)
  // A count that is no whole number of units is refused by what was sent: napi's u32 made -1
  // 4294967295 units (INSUFFICIENT_STOCK), cut 1.5 to 1 and 2 ** 32 or NaN to 0.
  for (const bad of [-1, 1.5, 2 ** 32, NaN, 0]) {
    await assert.rejects(flux.setUnits(p, first.id, bad, p), (e) => e.code === 'INVALID_UNITS' && e.message.includes(`got ${bad} `), `${bad}`)
    await assert.rejects(flux.replaceLine(p, first.id, alt.offer_id, bad, p), (e) => e.code === 'INVALID_UNITS', `${bad}`)
    assert.throws(() => fluxos.setQuantity(p, first.id, bad), (e) => e.code === 'INVALID_CART' && e.message.includes(`got ${bad}`), `${bad}`)
  }
  await assert.rejects(flux.setUnits(p, first.id, '3', p), TypeError)
  assert.throws(() => fluxos.setQuantity(p, first.id, 2n), TypeError)
})

test('errors: FluxError subclasses with code, kind, httpStatus and violations — thrown and rejected', async () => {
  assert.throws(() => new Flux({ settler: 'nope' }), (e) => e instanceof ConfigError && e instanceof FluxError && e instanceof Error
    && e.name === 'ConfigError' && e.code === 'INVALID_CONFIG' && e.kind === 'config' && e.httpStatus === 500 && /settler/.test(e.message))
  assert.throws(() => fluxos.cart([{ price: 1 }]), (e) => e instanceof InvalidInput && e.code === 'INVALID_CART' && e.httpStatus === 422)
  const flux = new Flux()
  // A custom code survives an async rejection, not only a sync throw.
  await assert.rejects(flux.orchestrate({ prompt: 'snacks', budget: 'abc' }),
    (e) => e instanceof InvalidInput && e.code === 'INVALID_AMOUNT' && e.kind === 'invalid_input' && typeof e.stack === 'string')
  // A bad budget names its field however it is passed, as the core's request parser does.
  for (const budget of [-1, 0.1234567, 'abc', -1n]) {
    await assert.rejects(flux.orchestrate({ prompt: 'snacks', budget }), (e) => e.code === 'INVALID_AMOUNT' && e.field === 'budget', String(budget))
  }
  await assert.rejects(flux.orchestrate('{"prompt": "snacks", "budget": -1}'), (e) => e.code === 'INVALID_AMOUNT' && e.field === 'budget')
  await assert.rejects(flux.orchestrate('{"prompt": "snacks", "budget": 10, "deadline_days": 400}'), (e) => e.code === 'INVALID_INTENT' && e.field === 'deadline_days')
  // A deadline as a number follows the core's rule for host floats: whole days, 0 to 365.
  for (const days of [1.5, -1, -0, NaN, Infinity, 366, 2 ** 53 + 1]) {
    await assert.rejects(flux.orchestrate({ prompt: 'snacks', budget: 10, deadline_days: days }),
      (e) => e instanceof InvalidInput && e.code === 'INVALID_INTENT' && e.field === 'deadline_days', String(days))
  }
  assert.equal((await flux.orchestrate({ prompt: 'snacks', budget: 10, deadline_days: 3.0 })).deadline_days, 3)
  // The addon itself (no facade): its async rejection and its sync throw carry the same fields.
  const native = require('../native.cjs')
  // The addon's strategy argument is JSON text; anything else is the intent's error, not the config's.
  assert.throws(() => new native.Flux().orchestrate('snacks', '10', undefined, 'cheapest'), (e) => e.code === 'INVALID_STRATEGY')
  await assert.rejects(new native.Flux().orchestrateJson('{"prompt": "qwzx plorb", "budget": 10}'),
    (e) => e instanceof Error && e.code === 'NOTHING_RECOGNIZED' && e.kind === 'invalid_input' && e.httpStatus === 422)
  assert.throws(() => native.NativeCart.fromJson('[{"vendor_id": "amazon", "price": -1}]'), (e) => e instanceof Error && e.code === 'INVALID_AMOUNT' && e.kind === 'invalid_input')
  await assert.rejects(flux.orchestrate({ prompt: 'qwzx plorb', budget: 10 }), (e) => e.code === 'NOTHING_RECOGNIZED')
  const denied = [
    { id: 'a', vendor_id: 'evil_corp', price: '10' },
    { id: 'b', vendor_id: 'amazon', price: '5000' },
  ]
  const decision = flux.authorize(denied)
  assert.equal(decision.decision, 'deny')
  await assert.rejects(flux.execute(denied), (e) => {
    assert.ok(e instanceof PolicyViolation && e instanceof FluxError)
    assert.equal(e.code, 'POLICY_VIOLATION')
    assert.equal(e.kind, 'policy_violation')
    assert.equal(e.httpStatus, 403)
    assert.match(e.message, /^Policy Violation: /)
    assert.deepEqual(e.violations, decision.violations)
    const codes = e.violations.map((v) => v.code)
    assert.ok(codes.includes('UNKNOWN_MERCHANT') && codes.includes('OVER_BUDGET_CAP'), codes.join())
    assert.ok(e.violations.some((v) => v.line === 0 && typeof v.message === 'string'))
    return true
  })
  assert.equal(flux.auditEvents().filter((e) => e.kind.startsWith('settlement')).length, 0, 'nothing reached the settler')
})

test('keys never cross: a configuration names a variable; errors never quote a key', () => {
  const secret = '0x' + 'ab'.repeat(31) + 'zz'
  process.env.FLUX_NODE_TEST_KEY = secret
  try {
    assert.throws(() => new Flux({ settler: { kind: 'evm', chain: 'arc-testnet', key_env: 'FLUX_NODE_TEST_KEY' } }), (e) => {
      assert.ok(e instanceof FluxError)
      assert.ok(!JSON.stringify({ m: e.message, s: e.stack, ...e }).includes(secret.slice(2, 40)), 'the key is not in the error')
      return true
    })
    assert.throws(() => new Flux({ settler: { kind: 'evm', chain: 'arc-testnet', key_env: 'FLUX_NODE_TEST_UNSET' } }), /FLUX_NODE_TEST_UNSET/)
  } finally {
    delete process.env.FLUX_NODE_TEST_KEY
  }
  assert.ok(!Object.keys(Flux.prototype).some((k) => /key|secret/i.test(k)))
})

test('many Promises at once: one instance, concurrent orchestrate and execute', async () => {
  const flux = new Flux()
  const prompts = ['snacks and badges for 100 people', 'usb-c hubs and hdmi cables', PROMPT, 'drinks, lanyards and a projector']
  const proposals = await Promise.all(Array.from({ length: 200 }, (_, i) => flux.orchestrate({ prompt: prompts[i % 4], budget: '800', deadline_days: 5 })))
  for (let i = 4; i < proposals.length; i++) assert.equal(proposals[i].cart_id, proposals[i % 4].cart_id)
  // Ten payments of ~305 USDC at once stay under the demo policy's 5,000 USDC daily window.
  const kit = proposals[2]
  const settlements = await Promise.all(Array.from({ length: 10 }, (_, i) => flux.execute(kit, { idempotencyKey: `k-${i}` })))
  assert.equal(new Set(settlements.map((s) => s.idempotency_key)).size, 10)
  assert.ok(settlements.every((s) => s.status === 'success' && !s.replayed && s.transaction_hashes.length > 0))
  assert.ok(settlements.every((s) => s.status === 'success' && s.idempotency_key.startsWith('k-')))
  const rejected = await Promise.allSettled(Array.from({ length: 50 }, () => flux.orchestrate({ prompt: 'snacks', budget: -1 })))
  assert.ok(rejected.every((r) => r.status === 'rejected' && r.reason.code === 'INVALID_AMOUNT'))
})

test('worker_threads: the addon loads and runs in several threads', async () => {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { Flux } = require(workerData.entry)
    const flux = new Flux()
    flux.orchestrate({ prompt: workerData.prompt, budget: '500', deadline_days: 7 })
      .then((p) => flux.execute(p).then((s) => parentPort.postMessage({ cart: p.cart_id, hashes: s.transaction_hashes })))
      .catch((e) => parentPort.postMessage({ error: e.code + ' ' + e.message }))`
  const entry = require.resolve('../index.cjs')
  const run = () => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { entry, prompt: PROMPT } })
    w.once('message', resolve)
    w.once('error', reject)
  })
  const results = await Promise.all([run(), run(), run()])
  const main = await new Flux().orchestrate({ prompt: PROMPT, budget: '500', deadline_days: 7 })
  for (const r of results) {
    assert.equal(r.error, undefined)
    assert.equal(r.cart, main.cart_id)
    assert.equal(r.hashes.length, new Set(main.options.map((l) => l.vendor_id)).size)
  }
})

test('ESM and CJS entries are one module (one class per error kind)', () => {
  const cjs = require('../index.cjs')
  assert.equal(cjs.Flux, Flux)
  assert.equal(cjs.FluxError, FluxError)
  for (const name of Object.keys(cjs)) assert.ok(name in fluxos, `${name} is exported by index.mjs`)
  assert.equal(fluxos.VERSION, JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version)
  assert.deepEqual([...fluxos.FEATURES], ['signing', 'evm', 'llm', 'http-catalog', 'pdf', 'sqlite', 'postgres'])
})

test('configuration: fromConfig (object, file) and fromEnv', async () => {
  const schema = fluxos.configSchema()
  assert.ok(schema.properties.settler && schema.properties.catalogs)
  const memory = Flux.fromConfig({ settler: 'memory' })
  assert.equal(memory.settler, 'memory')
  assert.equal(new Flux().settler, 'sandbox')
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/fluxos-`)
  writeFileSync(`${dir}/flux.toml`, 'settler = "memory"\nalternatives = 2\n')
  const fromFile = Flux.fromConfig(`${dir}/flux.toml`)
  assert.equal(fromFile.settler, 'memory')
  assert.equal((await fromFile.orchestrate({ prompt: PROMPT, budget: '500' })).alternatives[0].options.length, 2)
  process.env.FLUX_SETTLER = 'memory'
  try {
    assert.equal(Flux.fromEnv().settler, 'memory')
  } finally {
    delete process.env.FLUX_SETTLER
  }
  assert.equal(new Flux().policy.hash.length, 64)
  assert.equal(new Flux().target.chain_id, 5042002)
})

test('generated loader and type definitions are fresh', { skip: !process.env.FLUX_NODE_FRESH_DIR && 'set by scripts/test-node.sh' }, () => {
  for (const file of ['native.cjs', 'native.d.ts']) {
    const fresh = readFileSync(`${process.env.FLUX_NODE_FRESH_DIR}/${file}`, 'utf8')
    const committed = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
    assert.equal(committed, fresh, `${file} is stale: run scripts/test-node.sh and commit flux-node/${file}`)
  }
})

test('bad arguments: bytes that are not UTF-8 get the kernel\'s typed error; wrong types say what was expected', async () => {
  const flux = new Flux()
  const notUtf8 = new Uint8Array([0x7b, 0xff, 0x7d])
  for (const call of [() => flux.orchestrate(notUtf8), () => flux.execute(notUtf8), () => flux.verify(notUtf8)]) {
    await assert.rejects(call, (e) => e instanceof FluxError && typeof e.code === 'string' && e.httpStatus === 422, String(call))
  }
  const p = await flux.orchestrate({ prompt: PROMPT, budget: '500' })
  await assert.rejects(() => flux.execute(p, { idempotencyKey: 42 }), /idempotencyKey is a string, not number/)
  await assert.rejects(() => flux.orchestrateDocument(new TextEncoder().encode('24 energy drinks'), {}), /the budget is required/)
  // A value of the wrong type for the addon is a TypeError, as JavaScript's own functions throw.
  await assert.rejects(() => flux.setUnits(p, undefined, 5, p), (e) => e instanceof TypeError && /lineId is a string, not undefined/.test(e.message))
  await assert.rejects(() => flux.verify(undefined), TypeError)
  for (const call of [() => fluxos.verifyAuditJsonl(undefined), () => fluxos.canonicalJson(undefined), () => fluxos.fromUnits(null)]) {
    assert.throws(call, TypeError, String(call))
  }
  // A key the call does not take is refused, not ignored (the plan would be for another deadline).
  await assert.rejects(() => flux.orchestrate({ prompt: PROMPT, budget: '500', deadlineDays: 1 }), (e) => e instanceof TypeError && /unknown key "deadlineDays"/.test(e.message))
  await assert.rejects(() => flux.orchestrateDocument(new TextEncoder().encode('24 energy drinks'), { budget: '50', file_name: 'a.md' }), /unknown key "file_name"/)
  // execute({idempotency_key}) paid under the cart id, not the key meant; nothing is paid now.
  await assert.rejects(() => flux.execute(p, { idempotency_key: 'order-7' }), (e) => e instanceof TypeError && /unknown key "idempotency_key"/.test(e.message))
  assert.throws(() => flux.authorize(p, { aproval: {} }), /unknown key "aproval"/)
  assert.throws(() => flux.authorize(p, '{"approval_id": "a"}'), /options is an object, not string/)
  await assert.rejects(() => flux.verify({}, { chainId: 5 }), /unknown key "chainId"/)
  // A malformed approval is a typed error from the synchronous call too.
  assert.throws(() => flux.authorize(p, { approval: 'junk' }), (e) => e instanceof fluxos.InvalidInput && e.code === 'MALFORMED_JSON')
  // A proposal's JSON text is a cart, as the proposal itself is.
  assert.equal(flux.authorize(JSON.stringify(p)).decision, 'allow')
  // An argument out of range is a TypeError, not a configuration error.
  const to = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  assert.throws(() => fluxos.sandboxSignTransfer({ to, amount: '1', nonce: 2n ** 70n }), (e) => e instanceof TypeError && /nonce is out of range/.test(e.message))
  // The HTTP helpers say what was wrong in plain words, as TypeErrors.
  assert.throws(() => fluxos.http.bodyLimit(42), (e) => e instanceof TypeError && /invalid argument/.test(e.message))
  assert.throws(() => fluxos.http.toResponse({}), (e) => e instanceof TypeError && /an answer of http.serve/.test(e.message))
  await assert.rejects(() => fluxos.http.serve(flux, new Request('http://127.0.0.1/'), { path: 42 }), /path is a string, not number/)
  // Options given as null are no options.
  const paid = await new Flux({ ledger: 'memory' }).execute(p, null)
  assert.equal(paid.status, 'success')
})

test('http: the kernel answers WHATWG requests (flux_core::http::serve)', async () => {
  const { http } = fluxos
  const flux = new Flux()
  const at = (target, init) => http.serve(flux, new Request(`http://flux.test${target}`, init))
  // JSON bodies say so: a text/plain one is refused (any page may send it cross-origin, unasked).
  const typed = (body) => (body instanceof FormData ? {} : { 'content-type': 'application/json' })
  const post = (target, body, headers = {}) => at(target, { method: 'POST', body, headers: { ...typed(body), ...headers } })
  const health = await http.serve(flux, new Request('http://flux.test/api/health'), { path: '/' })
  assert.equal(health.status, 200)
  assert.equal(JSON.parse(health.body).status, 'online')
  assert.deepEqual([(await at('/nowhere')).status, (await at('/api/orchestrate')).status], [404, 405])
  const ok = await post('/api/orchestrate', JSON.stringify({ prompt: PROMPT, budget: 500, deadline_days: 7 }))
  assert.equal(ok.status, 200)
  assert.match(ok.body, /"total":\d+(\.\d+)?[,}]/, 'amounts are JSON numbers of the exact text by default')
  const strings = await post('/api/orchestrate?amounts=string', JSON.stringify({ prompt: PROMPT, budget: 500 }))
  assert.match(strings.body, /"total":"\d+(\.\d+)?"/)
  const bad = await post('/api/orchestrate', '{"prompt": "snacks", "budget": "abc"}')
  assert.equal(bad.status, 422)
  assert.deepEqual(JSON.parse(bad.body).detail[0].loc, ['body', 'budget'])
  assert.equal((await post('/api/orchestrate?amounts=floats', '{}')).status, 422)
  const limit = http.bodyLimit('/api/orchestrate')
  const tooLarge = await post('/api/orchestrate', new Uint8Array(limit + 1).fill(32))
  assert.deepEqual([tooLarge.status, JSON.parse(tooLarge.body).code], [413, 'BODY_TOO_LARGE'])
  const lines = JSON.stringify(JSON.parse(strings.body).options)
  const paid = await post('/api/execute_payment', lines, { 'Idempotency-Key': 'http-test-1' })
  assert.equal(paid.status, 200)
  const replay = await post('/api/execute_payment', lines, { 'idempotency-key': 'http-test-1' })
  assert.equal(replay.headers['Idempotent-Replayed'], 'true')
  const asText = await at('/api/execute_payment', { method: 'POST', body: lines })
  assert.deepEqual([asText.status, JSON.parse(asText.body).detail[0].type], [415, 'UNSUPPORTED_MEDIA_TYPE'])
  const json = (type) => new Request('http://flux.test/x', { method: 'POST', headers: type ? { 'content-type': type } : {} })
  assert.equal(http.unlessJson(json('application/json; charset=utf-8')), null)
  assert.equal(http.unlessJson(json(null)), null, 'untyped is read as JSON unless required')
  assert.equal(http.unlessJson(json(null), { required: true }).status, 415)
  assert.equal(http.unlessJson(json('text/plain')).status, 415)
  const denied = await post('/api/execute_payment', '[{"vendor_id": "evil", "price": 1}]')
  assert.equal(denied.status, 403)
  assert.match(JSON.parse(denied.body).detail, /^Policy Violation: /)
  const form = new FormData()
  form.append('file', new Blob(['24 energy drinks\n'], { type: 'text/plain' }), 'list.txt')
  const upload = await post('/api/upload_intent?budget=100&deadline_days=3', form)
  assert.equal(upload.status, 200, upload.body)
  assert.equal(JSON.parse(upload.body).deadline_days, 3)
  const noFile = new FormData()
  noFile.append('note', 'chips')
  assert.deepEqual(JSON.parse((await post('/api/upload_intent?budget=100', noFile)).body).detail[0].type, 'missing')
  const response = http.toResponse(replay, { 'x-extra': '1' })
  assert.equal(response.headers.get('idempotent-replayed'), 'true')
  assert.equal(response.headers.get('content-type'), 'application/json')
})

test('a cart above the approval threshold is paid with an approval signed over approvalMessage', async () => {
  // Node had no way to build the text an approver signs: the approval flow could not be finished.
  const { generateKeyPairSync, sign } = await import('node:crypto')
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const approver = 'ed25519:' + Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url').toString('hex')
  const policy = structuredClone(new Flux().policy)
  policy.rules.approval_threshold = '100'
  policy.rules.approvers = [approver]
  const nowMs = 1_764_000_000_000
  const flux = new Flux({ policy: { merchants: policy.merchants, rules: policy.rules }, ledger: 'memory', settler: 'memory', now_ms: nowMs })
  const p = await flux.orchestrate({ prompt: PROMPT, budget: '800' })
  const denied = flux.authorize(p)
  assert.deepEqual(denied.violations.map((v) => v.code), ['APPROVAL_REQUIRED'])
  const expiresAt = nowMs / 1000 + 600
  const cartId = fluxos.cartId(p)
  const message = fluxos.approvalMessage(cartId, flux.policy.hash, expiresAt, 'node-ed-1')
  assert.match(message, new RegExp(cartId))
  const approval = { approval_id: 'node-ed-1', cart_id: cartId, policy_hash: flux.policy.hash, expires_at: expiresAt, approver, signature: sign(null, Buffer.from(message), privateKey).toString('hex') }
  assert.equal(flux.authorize(p, { approval }).decision, 'allow')
  assert.equal((await flux.execute(p, { approval })).status, 'success')
  // Another cart's approval, or one for later, is no approval of this one.
  const other = fluxos.approvalMessage(cartId, flux.policy.hash, expiresAt + 1, 'node-ed-1')
  assert.notEqual(other, message)
  assert.throws(() => fluxos.approvalMessage(cartId, flux.policy.hash, -1, 'a'), RangeError)
  assert.throws(() => fluxos.approvalMessage(undefined, flux.policy.hash, 1, 'a'), /cartId is a string/)
})

test('a missing or mistyped argument is a TypeError naming it, not a conversion message', async () => {
  // setUnits without its intent said "Failed to convert JavaScript value 'Undefined' into rust type 'String'".
  const flux = new Flux({ ledger: 'memory' })
  const p = await flux.orchestrate({ prompt: PROMPT, budget: '500' })
  const line = p.options[0].id
  await assert.rejects(() => flux.setUnits(p, line, 80), (e) => e instanceof TypeError && /intent is the proposal/.test(e.message))
  await assert.rejects(() => flux.setUnits(p, 5, 80, p), (e) => e instanceof TypeError && /lineId is a string, not number/.test(e.message))
  await assert.rejects(() => flux.replaceLine(p, line, null, 1, p), (e) => e instanceof TypeError && /offerId is a string, not null/.test(e.message))
  assert.throws(() => fluxos.removeLine(p, undefined), (e) => e instanceof TypeError && /lineId is a string, not undefined/.test(e.message))
  assert.throws(() => fluxos.canonicalJson(undefined), (e) => e instanceof TypeError && /value is JSON data or text, not undefined/.test(e.message))
  // With them right, the edit is made.
  assert.ok((await flux.setUnits(p, line, p.options[0].units + 1, p)).lines.length > 0)
})
