// The dashboard in a real browser: Debian's Chromium driven by playwright-core (never a test
// tool's own browser download), against the built app served on loopback (FLUX_DASHBOARD_URL).
// Screenshots go to FLUX_TEST_OUTPUT.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { chromium } from 'playwright-core'

const URL_ = process.env.FLUX_DASHBOARD_URL
const OUT = process.env.FLUX_TEST_OUTPUT ?? join(tmpdir(), 'flux-dashboard-shots')
const CHROMIUM = process.env.FLUX_CHROMIUM ?? '/usr/bin/chromium'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync']

let context
let profile

before(async () => {
  assert.ok(URL_, 'FLUX_DASHBOARD_URL is set by scripts/test-node.sh')
  mkdirSync(OUT, { recursive: true })
  profile = mkdtempSync(join(tmpdir(), 'flux-chromium-'))
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } })
})

after(async () => {
  await context?.close()
  if (profile) rmSync(profile, { recursive: true, force: true })
})

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true })
}

/** Cumulative layout shift not caused by input, as Chromium measures it. */
async function watchLayoutShift(page) {
  await page.evaluate(() => {
    window.__cls = 0
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

async function plan(page, { prompt, budget, deadline = '5' }) {
  await page.getByLabel('Request').fill(prompt)
  await page.getByLabel('Budget (USDC)').fill(budget)
  await page.getByLabel('Deadline (days)').fill(deadline)
  await page.getByRole('button', { name: 'Plan my cart' }).click()
  await page.getByTestId('line').first().waitFor()
  await page.getByTestId('decision-badge').waitFor()
}

const names = (page) => page.getByTestId('line').locator('.line-name').allTextContents()

test('plan, re-rank, edit, execute, verify — in Chromium', async () => {
  const page = await context.newPage()
  await page.goto(URL_, { waitUntil: 'networkidle' })
  await watchLayoutShift(page)
  await plan(page, { prompt: 'Hackathon kit for 100 people: snacks, drinks, badges, lanyards, prizes', budget: '800' })
  const first = await names(page)
  assert.ok(first.length >= 4, `cart lines: ${first.join(' | ')}`)
  assert.equal(await page.getByTestId('decision-badge').textContent(), 'Approved')
  assert.match(await page.getByTestId('telemetry').textContent(), /offline/)
  assert.ok(await page.locator('.bar-track').count() >= first.length * 3, 'a bar per score part')
  await page.locator('.why summary').first().click()
  assert.match(await page.locator('.why p').first().textContent(), /USDC|#2/)
  await shot(page, '01-cart')

  // A new strategy re-ranks at once, without a reload.
  const navigations = []
  page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()))
  const totalBefore = await page.getByTestId('total').textContent()
  await page.getByText('Cheapest', { exact: true }).click()
  await page.waitForFunction((t) => document.querySelector('[data-testid=total]')?.textContent !== t, totalBefore)
  const cheapest = await names(page)
  assert.notDeepEqual(cheapest, first, 'the ranking changed')
  assert.deepEqual(navigations, [], 'no reload')
  await shot(page, '02-reranked')

  // Custom weights re-rank too, from the keyboard (the slider's arrow keys).
  const orchestrated = () => page.waitForResponse((r) => r.url().includes('/api/orchestrate') && r.ok())
  const strategyShown = (name) => page.waitForFunction((n) => document.querySelector('[data-testid=cart] h2')?.textContent?.includes(`· ${n}`), name)
  await Promise.all([orchestrated(), page.getByText('Custom', { exact: true }).click()])
  await strategyShown('custom')
  const price = page.getByLabel('price weight')
  await price.focus()
  const reranked = orchestrated()
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft')
  await reranked
  assert.equal(await price.inputValue(), '0')
  const sum = await page.locator('.weight output').allTextContents()
  assert.equal(sum.reduce((n, v) => n + Number(v), 0), 100, 'weights stay summing to 100')
  await shot(page, '02b-custom-weights')
  await Promise.all([orchestrated(), page.getByText('Cheapest', { exact: true }).click()])
  await strategyShown('cheapest')

  // Edit: replace a line by an alternative, change its units, remove another line.
  const line = page.getByTestId('line').first()
  await line.locator('details.alts summary').click()
  const alt = line.getByTestId('alternative').first()
  const altName = (await alt.locator('.alt-name').textContent()).split(' · ')[0].trim()
  await alt.getByRole('button', { name: 'Use this' }).click()
  await page.waitForFunction((n) => document.querySelector('[data-testid=line] .line-name')?.textContent === n, altName)
  const unitsBefore = await page.getByTestId('units').first().textContent()
  await page.getByRole('button', { name: 'more units' }).first().click()
  await page.waitForFunction((u) => document.querySelector('[data-testid=units]')?.textContent !== u, unitsBefore)
  const count = await page.getByTestId('line').count()
  await page.getByTestId('line').last().getByRole('button', { name: /^remove/ }).click()
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=line]').length === n - 1, count)
  assert.equal(await page.getByTestId('decision-badge').textContent(), 'Approved')
  await shot(page, '03-edited')

  // Execute in the sandbox: transaction hashes per leg, then verify the receipt bundle.
  await page.getByTestId('execute').click()
  await page.getByTestId('settlement').waitFor()
  const hashes = await page.getByTestId('tx-hash').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? e.textContent))
  assert.ok(hashes.length >= 1 && hashes.every((h) => /^0x[0-9a-f]{64}/.test(h)), hashes.join())
  await page.getByTestId('verify').click()
  await page.getByTestId('verified').waitFor()
  assert.match(await page.getByTestId('verified').textContent(), /^Verified/)
  await page.getByRole('heading', { name: 'Plan → Act → Verify' }).scrollIntoViewIfNeeded()
  await page.waitForFunction(() => /bundle\.verified/.test(document.querySelector('[data-testid=trail]')?.textContent ?? ''))
  await shot(page, '04-settled')
  const cls = await page.evaluate(() => window.__cls)
  assert.ok(cls < 0.1, `cumulative layout shift ${cls}`)
  await page.close()
})

test('a plan keeps to the policy; a cart edited past it shows every violation and the server refuses it', async () => {
  const page = await context.newPage()
  await page.goto(URL_, { waitUntil: 'networkidle' })
  // The demo policy caps a cart at 1000 USDC: the plan keeps to it and says what that left out.
  await plan(page, { prompt: 'offsite for 300 people: snacks, drinks, lanyards, a projector, chairs, tables', budget: '4000', deadline: '2' })
  assert.equal(await page.getByTestId('decision-badge').textContent(), 'Approved')
  assert.match(await page.locator('.note.warn').textContent(), /300 chairs \(over policy cap\), 50 tables \(over policy cap\)/)
  // 40 hubs at TechData are 738.85 USDC, under the 750 USDC a transfer may carry; one more is not.
  await plan(page, { prompt: '40 usb-c hubs', budget: '5000', deadline: '7' })
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length === 1)
  assert.equal(await page.getByTestId('decision-badge').textContent(), 'Approved')
  await page.getByRole('button', { name: 'more units' }).first().click()
  await page.waitForFunction(() => document.querySelector('[data-testid=decision-badge]')?.textContent === 'Denied')
  const codes = await page.getByTestId('violation').locator('.code').allTextContents()
  assert.ok(codes.length >= 1 && codes.every((c) => /^[A-Z_]+$/.test(c)), codes.join())
  await shot(page, '05-denied')
  await page.getByTestId('execute').click()
  await page.waitForFunction(() => document.querySelector('[data-testid=decision-badge]')?.textContent === 'Refused')
  assert.match(await page.getByTestId('violations').first().textContent(), /nothing was signed/)
  assert.equal(await page.getByTestId('settlement').count(), 0)
  await page.close()
})

test('what is shown is what would be paid: a failed plan leaves nothing to pay, a payment stays shown', async () => {
  const page = await context.newPage()
  await page.goto(URL_, { waitUntil: 'networkidle' })
  await plan(page, { prompt: '24 energy drinks', budget: '100', deadline: '0' })
  assert.equal(await page.getByLabel('Deadline (days)').inputValue(), '0', 'the same day can be asked for')
  assert.match(await page.getByTestId('line').first().textContent(), /same-day delivery/)
  await plan(page, { prompt: '24 energy drinks and 10 usb-c hubs', budget: '400', deadline: '3' })
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=line]').length === 2)
  // A line's units changed: no longer "#1" with the ranking's reasons and bars, and a
  // replacement keeps the units chosen.
  const first = page.getByTestId('line').first()
  const unitsBefore = await first.getByTestId('units').textContent()
  const plus = first.getByRole('button', { name: 'more units' })
  await plus.focus()
  await page.keyboard.press('Enter')
  await page.waitForFunction((u) => document.querySelector('[data-testid=units]')?.textContent !== u, unitsBefore)
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'more units', 'the keyboard focus stays')
  assert.equal(await first.locator('.line-main .rank').textContent(), '–')
  assert.equal(await first.locator('details.why').count(), 0)
  const units = await first.getByTestId('units').textContent()
  const alternatives = first.getByTestId('alternative')
  if (await alternatives.count() > 0) {
    await first.locator('details.alts summary').click()
    await alternatives.first().getByRole('button', { name: 'Use this' }).click()
    await page.waitForFunction((u) => document.querySelector('[data-testid=units]')?.textContent === u, units)
  }
  // Paid, then edited: the payment and its receipt stay, marked as an earlier cart's.
  await page.getByTestId('execute').click()
  await page.getByTestId('settlement').waitFor()
  assert.equal(await page.getByTestId('execute').textContent(), 'Settled')
  await page.getByTestId('line').last().getByRole('button', { name: /^remove/ }).click()
  await page.getByTestId('paid-earlier').waitFor()
  assert.equal(await page.getByTestId('tx-hash').count() > 0, true)
  await page.waitForFunction(() => document.querySelector('[data-testid=decision-badge]')?.textContent === 'Approved')
  assert.match(await page.getByTestId('execute').textContent(), /Execute payment/)
  // A strategy chosen after editing the request plans the request as the form says it now.
  await page.getByLabel('Request').fill('24 energy drinks')
  await page.getByLabel('Budget (USDC)').fill('60')
  await page.getByRole('radio', { name: 'Cheapest' }).check()
  await page.waitForFunction(() => /Budget\s*60\.00/.test(document.querySelector('[data-testid=cart]')?.textContent ?? ''))
  assert.equal(await page.getByTestId('line').count(), 1)
  assert.match(await page.getByTestId('cart').textContent(), /cheapest/)
  // A request that fails leaves no cart on screen to pay.
  await page.getByLabel('Request').fill('hey there, how are you doing today?')
  await page.getByRole('button', { name: 'Plan my cart' }).click()
  await page.getByTestId('problem').waitFor()
  assert.equal(await page.getByTestId('line').count(), 0)
  assert.equal(await page.getByTestId('execute').count(), 0)
  await shot(page, '05d-failed-plan')
  // A reload still shows what was paid, with its hashes and receipt (it showed nothing).
  const paidHashes = await page.getByTestId('tx-hash').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? e.textContent))
  await page.reload({ waitUntil: 'networkidle' })
  await page.getByTestId('paid-earlier').waitFor()
  assert.deepEqual(await page.getByTestId('tx-hash').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? e.textContent)), paidHashes)
  await page.getByTestId('verify').click()
  await page.getByTestId('verified').waitFor()
  await shot(page, '05e-paid-after-reload')
  await page.close()
})

test('a need no single offer has the stock for is shown as the lines of its split, scored', async () => {
  const page = await context.newPage()
  await page.goto(URL_, { waitUntil: 'networkidle' })
  await plan(page, { prompt: '100 lysol disinfectant sprays', budget: '1000', deadline: '7' })
  // Two stores' sprays: each line says which of the split it is and carries its score.
  assert.deepEqual(await page.getByTestId('split').allTextContents(), ['1/2', '2/2'])
  const sprays = page.getByTestId('line').filter({ has: page.getByTestId('split') })
  for (const line of await sprays.all()) {
    assert.equal(await line.getByRole('meter').count(), 4)
    assert.match(await line.locator('.reason').textContent(), /no single offer has the stock for 100/)
  }
  await shot(page, '05c-split')
  await page.close()
})

test('what was asked but not planned is shown, not left out in silence', async () => {
  const page = await context.newPage()
  await page.goto(URL_, { waitUntil: 'networkidle' })
  await plan(page, { prompt: '3 mechanical keyboards, 3 wireless mice', budget: '600' })
  assert.match(await page.getByTestId('not-planned').textContent(), /3 wireless mice \(not recognized\)/)
  assert.equal((await names(page)).length, 1)
  await shot(page, '05b-not-planned')
  await page.close()
})

test('upload a document', async () => {
  const page = await context.newPage()
  await page.goto(URL_, { waitUntil: 'networkidle' })
  const file = join(OUT, 'order.md')
  writeFileSync(file, '# Team offsite\n\n- snacks for 40 people\n- 40 lanyards\n- a projector\n')
  await page.getByLabel('…or start from a document').setInputFiles(file)
  // The kernel reads the list: a cart for what it says, and the request shows what was read.
  await page.getByTestId('line').first().waitFor()
  const needs = await page.getByTestId('line').locator('.line-what .muted').allTextContents()
  assert.ok(['snacks', 'lanyards', 'projector'].every((n) => needs.some((t) => t.includes(`for ${n}`))), needs.join(' | '))
  assert.match(await page.getByLabel('Request').inputValue(), /lanyards/)
  await page.getByTestId('decision-badge').waitFor()
  await shot(page, '06-upload')
  // A photo without a vision model is refused with its code, never guessed.
  const photo = join(OUT, 'list.png')
  writeFileSync(photo, readFileSync(new URL('../../../testdata/documents/shopping-list.png', import.meta.url)))
  await page.getByLabel('…or start from a document').setInputFiles(photo)
  await page.getByTestId('problem').waitFor()
  assert.match(await page.getByTestId('problem').textContent(), /VISION_UNAVAILABLE/)
  await page.close()
})

test('phone width and keyboard: readable, no horizontal scroll, focus visible', async () => {
  const page = await context.newPage()
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(URL_, { waitUntil: 'networkidle' })
  // Keyboard only: the skip link, then the form; Enter in the budget field plans the cart.
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to results')
  await page.keyboard.press('Tab')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'prompt')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.getByTestId('line').first().waitFor()
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)
  assert.notEqual(outline, 'none', 'focus is visible')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`)
  await shot(page, '07-phone')
  await page.getByTestId('cart').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(OUT, '08-phone-cart.png') })
  await page.close()
})

test('a text or form body never pays: what any page may send cross-origin without a preflight', async () => {
  const planned = await fetch(`${URL_}/api/orchestrate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt: '24 energy drinks', budget: 100 }) })
  const lines = (await planned.json()).options
  assert.ok(lines.length >= 1)
  const bodies = { '/api/execute_payment': JSON.stringify(lines), '/api/flux/execute': JSON.stringify({ lines }), '/api/flux/authorize': JSON.stringify(lines) }
  for (const [path, body] of Object.entries(bodies)) {
    // A string body goes as text/plain; bytes go with no Content-Type at all.
    for (const init of [{ body }, { body: new TextEncoder().encode(body) }, { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }]) {
      const r = await fetch(`${URL_}${path}`, { method: 'POST', ...init })
      assert.equal(r.status, 415, `${path} ${JSON.stringify(init.headers ?? typeof init.body)}`)
      assert.equal((await r.json()).detail[0].type, 'UNSUPPORTED_MEDIA_TYPE')
    }
  }
})
