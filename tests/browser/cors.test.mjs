// The original dashboard's calls, made by a page on a second loopback origin in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core): orchestrate with an X-FluxOS header,
// upload a shopping list as multipart, pay the proposed cart with an Idempotency-Key — against
// every example server named in FLUX_BROWSER_APIS ("name=url,name=url"). A server in
// FLUX_BROWSER_DENIED allows only another origin: the browser must refuse to hand its answers over.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const parse = (text) =>
  (text ?? "")
    .split(",")
    .filter(Boolean)
    .map((pair) => pair.split(/=(.*)/s).slice(0, 2));
const apis = parse(process.env.FLUX_BROWSER_APIS);
const denied = parse(process.env.FLUX_BROWSER_DENIED);
const shots = process.env.FLUX_BROWSER_SHOTS;

// What the dashboard does, as a page script: fetch from another origin, render, report.
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Flux dashboard calls</title>
<style>body{font:14px system-ui;margin:24px}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}
h2{margin-top:24px}.ok{color:#0a7a33}.err{color:#b00020}</style></head>
<body><h1>Dashboard calls from another origin</h1><div id="out">running…</div>
<script>
async function dashboard(api) {
  const headers = { "Content-Type": "application/json", "X-FluxOS": "dashboard" };
  const body = JSON.stringify({ prompt: "hackathon kit: snacks, 24 energy drinks, badges, usb-c hubs", budget: 800, deadline_days: 7, strategy: "balanced" });
  const o = await fetch(api + "/api/orchestrate", { method: "POST", headers, body });
  const plan = await o.json();
  const form = new FormData();
  form.append("file", new Blob(["Energy drinks x 24\\nUSB-C hubs - 10\\n"], { type: "text/plain" }), "list.txt");
  const u = await fetch(api + "/api/upload_intent?budget=800&strategy=cheapest", { method: "POST", headers: { "X-FluxOS": "dashboard" }, body: form });
  const upload = await u.json();
  const key = "browser-" + crypto.randomUUID();
  const pay = (k) => fetch(api + "/api/execute_payment", { method: "POST", headers: { ...headers, "Idempotency-Key": k }, body: JSON.stringify(plan.options) });
  const e = await pay(key);
  const paid = await e.json();
  const again = await pay(key);
  // The dashboard's own arithmetic on prices: numbers, summed and formatted.
  const sum = plan.options.reduce((s, l) => s + l.price * l.quantity, 0).toFixed(2);
  const rows = plan.options.map((l) => "<tr><td>" + l.name + "</td><td>" + l.vendor_name + "</td><td>" + l.price.toFixed(2) + "</td></tr>").join("");
  document.getElementById("out").innerHTML =
    "<h2 class=ok>orchestrate " + o.status + " — total " + plan.total + " USDC (dashboard sum " + sum + ")</h2><table>" + rows + "</table>" +
    "<h2 class=ok>upload_intent " + u.status + "</h2><p>" + upload.options.map((l) => l.name).join("<br>") + "</p>" +
    "<h2 class=ok>execute_payment " + e.status + " — " + paid.status + "</h2><p>" + paid.transaction_hashes.join("<br>") + "</p>";
  return {
    orchestrate: { status: o.status, names: plan.options.map((l) => l.name.toLowerCase()), total: plan.total, sum },
    upload: { status: u.status, names: upload.options.map((l) => l.name.toLowerCase()), strategy: upload.strategy },
    execute: { status: e.status, result: paid.status, hashes: paid.transaction_hashes, replayed: again.headers.get("Idempotent-Replayed") },
  };
}
async function blocked(api) {
  try {
    await fetch(api + "/api/orchestrate", { method: "POST", headers: { "Content-Type": "application/json", "X-FluxOS": "dashboard" }, body: "{}" });
    return "answered";
  } catch (e) {
    return String(e);
  }
}
</script></body></html>`;

let browser, site, origin, profile;

before(async () => {
  site = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(PAGE);
  });
  await new Promise((ok) => site.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${site.address().port}`;
  profile = mkdtempSync(join(tmpdir(), "flux-chromium-"));
  // A fresh profile directory per run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((ok) => site?.close(ok));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("at least one server is under test", () => {
  assert.ok(apis.length > 0, "FLUX_BROWSER_APIS names the servers");
});

for (const [name, api] of apis) {
  test(`${name}: the dashboard's calls work from another origin`, async () => {
    assert.notEqual(new URL(api).origin, origin, "the page and the API are on different origins");
    const page = await browser.newPage();
    await page.goto(origin + "/");
    const r = await page.evaluate((url) => dashboard(url), api);
    if (shots) await page.screenshot({ path: join(shots, `dashboard-calls-${name}.png`), fullPage: true });
    await page.close();

    assert.equal(r.orchestrate.status, 200);
    assert.ok(r.orchestrate.names.some((n) => n.includes("energy")), `energy drinks bought: ${r.orchestrate.names}`);
    assert.ok(r.orchestrate.names.some((n) => n.includes("hub")), `usb-c hubs bought: ${r.orchestrate.names}`);
    assert.equal(typeof r.orchestrate.total, "number", "amounts are JSON numbers for the dashboard");
    assert.equal(Number(r.orchestrate.sum), Number(r.orchestrate.total.toFixed(2)), "the dashboard's own sum matches the total");

    assert.equal(r.upload.status, 200);
    assert.equal(r.upload.strategy, "cheapest");
    assert.ok(r.upload.names.some((n) => n.includes("energy")) && r.upload.names.some((n) => n.includes("hub")), `${r.upload.names}`);

    assert.equal(r.execute.status, 200);
    assert.equal(r.execute.result, "success");
    assert.ok(r.execute.hashes.length > 0 && r.execute.hashes.every((h) => /^0x[0-9a-f]{64}$/.test(h)), `${r.execute.hashes}`);
    // The replay header is exposed to the page (Access-Control-Expose-Headers).
    assert.equal(r.execute.replayed, "true");
  });
}

for (const [name, api] of denied) {
  test(`${name}: an origin that is not allowed cannot read the answers`, async () => {
    const page = await browser.newPage();
    await page.goto(origin + "/");
    const r = await page.evaluate((url) => blocked(url), api);
    await page.close();
    assert.match(r, /TypeError|Failed to fetch/, `the browser refused: ${r}`);
  });
}
