// `flux.orchestrateDocument`: shopping lists as bytes, Blobs or paths, read by the kernel.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

import { Flux, InvalidInput, canonicalJson } from '../index.mjs'

const DOCS = new URL('../../testdata/documents/', import.meta.url)
const flux = new Flux()
const bought = (p) => Object.fromEntries(p.options.map((l) => [l.need, l.name.toLowerCase()]))

test('a path, its bytes and a Blob give the same cart', async () => {
  const path = new URL('shopping-list.csv', DOCS)
  const byPath = await flux.orchestrateDocument(path, { budget: '2000' })
  const bytes = readFileSync(path)
  const byBytes = await flux.orchestrateDocument(bytes, { budget: 2000n, fileName: 'list.csv' })
  const byBlob = await flux.orchestrateDocument(new Blob([bytes], { type: 'text/csv' }), { budget: 2000 })
  assert.equal(byBytes.cart_id, byPath.cart_id)
  assert.equal(byBlob.cart_id, byPath.cart_id)
  assert.match(bought(byPath)['energy drinks'], /energy/)
  // Documents are one more way to say the same intent: the typed prompt gives the same cart.
  const typed = await flux.orchestrate({ prompt: byPath.intent.prompt, budget: '2000' })
  assert.equal(canonicalJson(typed.options), canonicalJson(byPath.options))
})

test('PDF and Markdown', async () => {
  const pdf = await flux.orchestrateDocument(new URL('shopping-list.pdf', DOCS), { budget: 2000, deadline_days: 7, strategy: 'cheapest' })
  assert.match(bought(pdf)['usb-c hubs'], /hub/)
  const md = await flux.orchestrateDocument(new Uint8Array(readFileSync(new URL('shopping-list.md', DOCS))), { budget: '2000', fileName: 'kit.md' })
  assert.match(bought(md).lanyards, /lanyard/)
})

for (const [name, document, options, code, status] of [
  ['empty', new Uint8Array(0), {}, 'EMPTY_DOCUMENT', 422],
  ['not UTF-8', Buffer.from([0xff, 0xfe, 0x20, 0x62]), { fileName: 'l.txt' }, 'MALFORMED_DOCUMENT', 422],
  ['a zip', Buffer.from('PK\x03\x04zip'), { fileName: 'l.docx' }, 'UNSUPPORTED_DOCUMENT', 415],
  ['over 5 MB', new Uint8Array(5 * 1024 * 1024 + 1).fill(97), {}, 'DOCUMENT_TOO_LARGE', 413],
  ['a photo without a vision model', readFileSync(new URL('shopping-list.png', DOCS)), { mediaType: 'image/png' }, 'VISION_UNAVAILABLE', 415],
  ['a missing file', '/nonexistent/list.txt', {}, 'UNREADABLE_DOCUMENT', 422],
]) {
  test(`${name}: a typed rejection (${code}, ${status})`, async () => {
    await assert.rejects(flux.orchestrateDocument(document, { budget: '100', ...options }),
      (e) => e instanceof InvalidInput && e.kind === 'invalid_input' && e.code === code && e.httpStatus === status && e.field === 'file')
  })
}

test('terms are checked like orchestrate: budget, deadline, strategy', async () => {
  const doc = Buffer.from('24 energy drinks\n')
  await assert.rejects(flux.orchestrateDocument(doc, { budget: '-5' }), (e) => e.code === 'INVALID_AMOUNT' && e.field === 'budget')
  await assert.rejects(flux.orchestrateDocument(doc, { budget: '10', deadline_days: 400 }), (e) => e.code === 'INVALID_INTENT' && e.field === 'deadline_days')
  await assert.rejects(flux.orchestrateDocument(doc, { budget: '10', strategy: 'greedy' }), (e) => e.code === 'INVALID_STRATEGY')
  await assert.rejects(flux.orchestrateDocument(doc, {}), TypeError)
  // Days as orchestrate takes them: a number or a bigint; anything else is the kernel's
  // INVALID_INTENT naming the field (it was a TypeError from the native conversion).
  assert.equal((await flux.orchestrateDocument(doc, { budget: '100', deadline_days: 3n })).deadline_days, 3)
  for (const days of ['3', 'soon', true, {}]) {
    await assert.rejects(flux.orchestrateDocument(doc, { budget: '10', deadline_days: days }),
      (e) => e instanceof InvalidInput && e.code === 'INVALID_INTENT' && e.field === 'deadline_days', String(days))
  }
})

test("a list's text passed as a string is told to be bytes, not read as a path", async () => {
  // It was UNREADABLE_DOCUMENT "cannot read the document: item,quantity ...: no such file".
  const text = 'item,quantity\nenergy drinks,24\nusb-c hubs,10\n'
  await assert.rejects(flux.orchestrateDocument(text, { budget: '500' }), (e) => e instanceof TypeError && /Buffer\.from\(text\)/.test(e.message))
  const p = await flux.orchestrateDocument(Buffer.from(text), { budget: '500' })
  assert.deepEqual(p.needs.map((n) => [n.item, n.quantity]), [['energy drinks', 24], ['usb-c hubs', 10]])
})
