"""The hostile-agent corpus (testdata/mcp/hostile.json) through the official Python MCP client:
every call that tries to inject an address, a price, an amount, a merchant, a chain, an unknown
or forged cart id, a replayed key, a forged approval or instructions in the prompt is refused
with its typed error (or planned without the injected values), and nothing is signed: the audit
trail holds no settlement but the one the fixtures made."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from mcp.shared.exceptions import MCPError

from conftest import (
    MALLORY_SEED,
    RESTRICTED,
    TESTDATA,
    THRESHOLD,
    client,
    http_server,
    now,
    ok,
    over_cap_cart,
    plan,
    settlements,
    sign_approval,
    stdio,
)

CORPUS = json.loads((TESTDATA / "hostile.json").read_text())["cases"]
POLICY_MERCHANTS = {"amazon", "walmart", "tech_direct"}
PAID_KEY = "hostile-setup-paid-1"


def test_the_corpus_is_large_and_well_formed():
    assert len(CORPUS) >= 20
    names = [c["name"] for c in CORPUS]
    assert len(set(names)) == len(names)
    for case in CORPUS:
        assert case["tool"] and isinstance(case["arguments"], dict) and case["attack"], case["name"]
        assert set(case["expect"]) <= {"error", "field", "violation", "protocol_error", "plan"}, case["name"]


async def main_fixtures(c) -> dict:
    """Carts and artefacts the cases refer to, made through the tools themselves."""
    f: dict = {}
    a = await plan(c, "24 energy drinks and 10 usb-c hubs", "240")
    f["$cart"] = a["cart_id"]
    line = max(a["options"], key=lambda l: Decimal(l["line_total"]))
    f["$line"] = line["id"]
    b = await plan(c, "40 conference badges, 40 lanyards and 10 hdmi cables", "240")
    f["$other_cart"] = b["cart_id"]
    f["$foreign_offer"] = next(l["id"] for l in b["options"] if l["category"] != line["category"])
    paid = await plan(c, "20 office chairs for the weekend", "200")
    settlement = ok(await c.call_tool("execute_purchase", {"cart_id": paid["cart_id"], "idempotency_key": PAID_KEY}))
    f["$paid_key"] = PAID_KEY
    f["$receipt"] = settlement["receipt"]
    forged = copy.deepcopy(settlement["receipt"])
    forged["legs"][0]["amount"] = str(Decimal(forged["legs"][0]["amount"]) - Decimal("1"))
    f["$forged_receipt"] = forged
    big = await plan(c, "30 usb-c hubs", "700")
    assert Decimal(big["total"]) > THRESHOLD, big["total"]
    f["$big_cart"] = big["cart_id"]
    f["$over_cap_cart"] = (await over_cap_cart(c))["cart_id"]
    policy = ok(await c.call_tool("get_policy", {}))
    fields = {"approval_id": "hostile-appr-1", "policy_hash": policy["policy_hash"], "expires_at": now() + 600}
    f["$approval_for_cart"] = sign_approval({**fields, "cart_id": f["$cart"]})
    f["$mallory_approval"] = sign_approval({**fields, "cart_id": f["$big_cart"]}, seed=MALLORY_SEED)
    real = sign_approval({**fields, "cart_id": f["$big_cart"]})
    f["$garbled_approval"] = {**real, "signature": "00" * 64}
    return f


async def restricted_fixtures(c) -> dict:
    """A plan of the restricted server, which proposes no Walmart line and ranks no Walmart
    alternative (its policy would deny them): its cart and its energy drinks line."""
    p = await plan(c, "24 energy drinks and 40 conference badges", "200")
    ranked = [o["vendor_id"] for ranking in p["alternatives"] for o in ranking["options"]]
    assert "walmart" not in [l["vendor_id"] for l in p["options"]] + ranked, p["options"]
    drinks = next(l for l in p["options"] if l["category"] == "drinks")
    return {"$restricted_cart": p["cart_id"], "$restricted_line": drinks["id"]}


def substitute(value, fixtures: dict):
    if isinstance(value, str) and value in fixtures:
        return fixtures[value]
    if isinstance(value, dict):
        return {k: substitute(v, fixtures) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, fixtures) for v in value]
    return value


async def run_case(c, case: dict, fixtures: dict) -> str | None:
    """None when the case is refused (or planned) as expected, else what happened."""
    expect = case["expect"]
    args = substitute(case["arguments"], fixtures)
    try:
        result = await c.call_tool(case["tool"], args)
    except MCPError as e:
        return None if expect.get("protocol_error") else f"protocol error {e}"
    if expect.get("protocol_error"):
        return f"answered instead of a protocol error: {result.content[0].text if result.content else result}"
    content = result.structured_content or {}
    if "plan" in expect:
        if result.is_error:
            return f"plan refused: {content}"
        lines = content["options"]
        text = json.dumps(lines).lower()
        for bad in expect["plan"].get("excludes", []):
            if bad.lower() in text:
                return f"the cart names {bad!r}"
        paid = {Decimal(content["total"])} | {Decimal(l["price"]) for l in lines} | {Decimal(l["line_total"]) for l in lines}
        for amount in expect["plan"].get("amounts", []):
            if Decimal(amount) in paid:
                return f"the cart pays {amount}"
        if not {l["vendor_id"] for l in lines} <= POLICY_MERCHANTS:
            return f"the cart pays {[l['vendor_id'] for l in lines]}"
        if Decimal(content["total"]) > Decimal(args["budget"]):
            return "the cart is over the budget"
        return None
    if not result.is_error:
        return f"accepted: {result.content[0].text if result.content else content}"
    error = content.get("error", {})
    if content.get("paid") is not False:
        return f"an error that does not say nothing was paid: {content}"
    if error.get("code") != expect["error"]:
        return f"{error.get('code')} instead of {expect['error']}: {error.get('message')}"
    if "field" in expect and error.get("field") != expect["field"]:
        return f"field {error.get('field')!r} instead of {expect['field']!r}"
    if "violation" in expect and expect["violation"] not in [v["code"] for v in error.get("violations", [])]:
        return f"violations {[v['code'] for v in error.get('violations', [])]} lack {expect['violation']}"
    return None


async def run_corpus(main_server, restricted_server, mode: str) -> None:
    failures = []
    async with client(main_server, mode=mode) as c:
        fixtures = await main_fixtures(c)
        before = await settlements(c)
        assert len(before) == 1, before
        for case in (k for k in CORPUS if k.get("server", "main") == "main"):
            problem = await run_case(c, case, fixtures)
            if problem:
                failures.append(f"{case['name']}: {problem}")
        after = await settlements(c)
        assert after == before, f"something was signed: {after[len(before):]}"
    async with client(restricted_server, mode=mode) as c:
        fixtures = await restricted_fixtures(c)
        for case in (k for k in CORPUS if k.get("server") == "restricted"):
            problem = await run_case(c, case, fixtures)
            if problem:
                failures.append(f"{case['name']} (restricted): {problem}")
        assert await settlements(c) == [], "something was signed on the restricted server"
    assert not failures, "\n".join(failures)


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_every_hostile_call_is_refused_over_stdio(mode):
    await run_corpus(stdio(), stdio(RESTRICTED), mode)


@pytest.mark.anyio
async def test_every_hostile_call_is_refused_over_http():
    with http_server() as (url, _), http_server(RESTRICTED) as (restricted_url, _):
        await run_corpus(url, restricted_url, "auto")
