"""The official Python MCP client drives flux-mcp over stdio (the binary spawned; the 2026
protocol and the 2025 handshake) and over Streamable HTTP (the binary on a loopback port the OS
picked): it lists the tools and resources and runs plan → edit → check → execute (sandbox) →
verify, with an idempotent retry, and reads the audit trail that records it all."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import httpx
import pytest

from conftest import client, http_server, ok, plan, refused, settlements, stdio

TOOLS = {"plan_purchase", "edit_cart", "check_policy", "execute_purchase", "verify_settlement", "get_policy"}
# Names no tool's schema may have anywhere: the agent never states money, recipients or chains.
FORBIDDEN = {"price", "amount", "total", "address", "payout", "payout_address", "to", "chain", "chain_id", "token", "merchant", "merchant_id", "vendor_id", "lines"}


def property_names(schema) -> set[str]:
    """Every property name in a schema, but inside `strategy` (whose weights are named `price`,
    `delivery` and `trust`: how much price matters, not a price)."""
    names: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                names |= set(value)
                value = {k: v for k, v in value.items() if k != "strategy"}
            names |= property_names(value)
    elif isinstance(schema, list):
        for item in schema:
            names |= property_names(item)
    return names


async def list_everything(c) -> None:
    tools = {t.name: t for t in (await c.list_tools()).tools}
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert len(tool.description) > 80, tool.name
        assert tool.input_schema["type"] == "object"
        assert tool.input_schema.get("additionalProperties") is False, tool.name
        assert not property_names(tool.input_schema) & FORBIDDEN, (tool.name, property_names(tool.input_schema) & FORBIDDEN)
    assert tools["execute_purchase"].input_schema["required"] == ["cart_id", "idempotency_key"]
    uris = {str(r.uri) for r in (await c.list_resources()).resources}
    assert uris == {"flux://policy", "flux://catalog/summary", "flux://audit"}


async def plan_edit_check_execute_verify(c) -> None:
    proposal = await plan(c, "24 energy drinks, 10 usb-c hubs and 40 conference badges", "240", deadline_days=5, strategy="cheapest")
    for key in ("options", "alternatives", "unmet", "total", "cart_id", "remaining_budget"):
        assert key in proposal, key
    assert proposal["options"] and all(l["reason"] for l in proposal["options"])
    assert Decimal(proposal["total"]) <= 240
    cart_id = proposal["cart_id"]

    # set_units: the kernel re-quotes the line for more units.
    line = proposal["options"][0]
    edited = ok(await c.call_tool("edit_cart", {"cart_id": cart_id, "line_id": line["id"], "action": "set_units", "units": line["units"] + 1}))
    assert edited["cart_id"] != cart_id and edited["previous_cart_id"] == cart_id
    new_line = next(l for l in edited["lines"] if l["id"] == line["id"])
    assert new_line["units"] >= line["units"] + 1
    assert Decimal(edited["total"]) == sum(Decimal(l["line_total"]) for l in edited["lines"])

    # replace: a line by another ranked alternative of its need, quoted by the kernel.
    ranking = next(r for r in proposal["alternatives"] if len(r["options"]) >= 2)
    current = next(l for l in edited["lines"] if l["category"] == ranking["need"]["category"])
    other = next(o for o in ranking["options"] if o["offer_id"] != current["id"] and all(o["offer_id"] != l["id"] for l in edited["lines"]))
    replaced = ok(await c.call_tool("edit_cart", {"cart_id": edited["cart_id"], "line_id": current["id"], "action": "replace", "offer_id": other["offer_id"]}))
    swapped = next(l for l in replaced["lines"] if l["id"] == other["offer_id"])
    assert swapped["vendor_id"] == other["vendor_id"]
    # remove: one line fewer.
    removed = ok(await c.call_tool("edit_cart", {"cart_id": replaced["cart_id"], "line_id": swapped["id"], "action": "remove"}))
    assert len(removed["lines"]) == len(replaced["lines"]) - 1
    assert Decimal(removed["total"]) == Decimal(replaced["total"]) - Decimal(swapped["line_total"])
    # The edited carts stay as they were, by id.
    ok(await c.call_tool("check_policy", {"cart_id": replaced["cart_id"]}))

    final = removed["cart_id"]
    decision = ok(await c.call_tool("check_policy", {"cart_id": final}))
    assert decision["decision"] == "allow" and decision["needs_approval"] is False
    legs = decision["legs"]
    assert {leg["merchant_id"] for leg in legs} == {l["vendor_id"] for l in removed["lines"]}

    result = await c.call_tool("execute_purchase", {"cart_id": final, "idempotency_key": "flow-1"})
    settlement = ok(result)
    assert settlement["status"] == "success" and settlement["mode"] == "sandbox" and settlement["broadcast"] is False
    assert "never broadcast" in settlement["note"] and "never broadcast" in result.content[0].text
    assert "no money moved" in settlement["note"] and "no money moved" in result.content[0].text
    assert len(settlement["transaction_hashes"]) == len(legs)
    assert all(re.fullmatch(r"0x[0-9a-f]{64}", h) for h in settlement["transaction_hashes"])
    assert Decimal(settlement["total"]) == Decimal(removed["total"])
    assert isinstance(result.meta["flux/kernel_us"], int)

    again = ok(await c.call_tool("execute_purchase", {"cart_id": final, "idempotency_key": "flow-1"}))
    assert again["replayed"] is True and again["transaction_hashes"] == settlement["transaction_hashes"]

    report = ok(await c.call_tool("verify_settlement", {"receipt": settlement["receipt"]}))
    assert report["ok"] is True and report["cart_id"] == final and len(report["legs"]) == len(legs)

    policy = ok(await c.call_tool("get_policy", {}))
    window = policy["windows"][0]
    assert Decimal(window["spent"]) == Decimal(settlement["total"])
    assert Decimal(window["remaining"]) == Decimal(window["limit"]) - Decimal(settlement["total"])
    assert policy["rules"]["approval_threshold"] == "250"

    signed = await settlements(c)
    assert [e["payload"]["transaction_hashes"] for e in signed] == [settlement["transaction_hashes"]]


async def resources(c) -> None:
    import json

    policy = json.loads((await c.read_resource("flux://policy")).contents[0].text)
    assert policy["policy_hash"] == ok(await c.call_tool("get_policy", {}))["policy_hash"]
    summary = json.loads((await c.read_resource("flux://catalog/summary")).contents[0].text)
    assert summary["offers"] == sum(cat["offers"] for cat in summary["categories"]) > 0
    assert {m["id"] for m in summary["merchants"]} >= {"amazon", "walmart", "tech_direct"}
    events = [json.loads(line) for line in (await c.read_resource("flux://audit")).contents[0].text.splitlines()]
    kinds = {e["kind"] for e in events}
    assert {"cart.proposed", "policy.allowed", "settlement.completed", "bundle.verified"} <= kinds
    for prev, event in zip(events, events[1:]):
        assert event["prev_hash"] == prev["hash"], "the audit trail is one hash chain"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_the_whole_flow_over_stdio(mode):
    async with client(stdio(), mode=mode) as c:
        assert c.server_info.name == "flux-mcp"
        assert c.protocol_version == ("2026-07-28" if mode == "auto" else "2025-11-25")
        await list_everything(c)
        await plan_edit_check_execute_verify(c)
        await resources(c)


@pytest.mark.anyio
async def test_the_whole_flow_over_streamable_http():
    with http_server() as (url, proc):
        async with client(url) as c:
            # Ours: the process we started answers as flux-mcp on the port it printed.
            assert proc.poll() is None and c.server_info.name == "flux-mcp"
            await list_everything(c)
            await plan_edit_check_execute_verify(c)
            await resources(c)
        async with client(url, mode="legacy") as c:
            # Another session of the same server shares its ledger and audit trail.
            assert len(await settlements(c)) == 1
            assert (await plan(c, "10 usb-c hubs", "300"))["options"]


def test_http_refuses_browser_origins_and_foreign_hosts():
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    with http_server() as (url, _):
        page = httpx.post(url, json=body, headers={**headers, "Origin": "https://shop.example"}, timeout=10)
        assert page.status_code == 403, page.text
        rebound = httpx.post(url, json=body, headers={**headers, "Host": "attacker.example"}, timeout=10)
        assert rebound.status_code in (400, 403), rebound.text


@pytest.mark.anyio
async def test_edits_are_checked_by_the_kernel():
    async with client(stdio()) as c:
        p = await plan(c, "24 energy drinks and 10 usb-c hubs", "240")
        line = p["options"][0]["id"]
        error = refused(await c.call_tool("edit_cart", {"cart_id": p["cart_id"], "line_id": line, "action": "replace"}), "INVALID_ARGUMENTS")
        assert error["field"] == "offer_id"
        error = refused(await c.call_tool("edit_cart", {"cart_id": p["cart_id"], "line_id": line, "action": "set_units"}), "INVALID_ARGUMENTS")
        assert error["field"] == "units"
        refused(await c.call_tool("edit_cart", {"cart_id": p["cart_id"], "line_id": line, "action": "sell"}), "INVALID_ARGUMENTS")
        assert await settlements(c) == []


@pytest.mark.anyio
async def test_what_was_asked_but_not_planned_is_said():
    """Nothing in the catalog is a mouse: the plan says so, in its data and in the text the agent
    reads, instead of presenting the cart as the whole request."""
    async with client(stdio()) as c:
        result = await c.call_tool("plan_purchase", {"prompt": "3 mechanical keyboards, 3 wireless mice", "budget": "600"})
        p = ok(result)
        assert [n["item"] for n in p["needs"]] == ["mechanical keyboards"]
        assert p["dropped"] == [{"item": "3 wireless mice", "reason": "not_recognized"}]
        assert 'Not planned: "3 wireless mice" (not_recognized)' in result.content[0].text


@pytest.mark.anyio
async def test_a_later_plan_of_the_same_cart_sets_the_limits_its_edits_are_held_to():
    """Cart ids are content hashes: two plans can propose the same cart. An edit is checked
    against the budget of the plan that last proposed it, not the first one's."""
    async with client(stdio()) as c:
        generous = await plan(c, "24 energy drinks", "1000", deadline_days=7)
        tight = await plan(c, "24 energy drinks", "40", deadline_days=0)
        assert tight["cart_id"] == generous["cart_id"], "the same lines: the same cart"
        line = tight["options"][0]["id"]
        ten_times = {"cart_id": tight["cart_id"], "line_id": line, "action": "set_units", "units": 240}
        error = refused(await c.call_tool("edit_cart", ten_times), "OVER_BUDGET")
        assert error["budget"] == "40" and error["field"] == "units", error
        # A line the cart does not have: the error names the argument and the lines it has.
        missing = {**ten_times, "line_id": "no-such-line"}
        no_line = refused(await c.call_tool("edit_cart", missing), "NO_SUCH_LINE")
        assert no_line["field"] == "line_id" and no_line["line_ids"] == [line], no_line
        # Planned again with the larger budget, the same edit fits it.
        await plan(c, "24 energy drinks", "1000", deadline_days=7)
        edited = ok(await c.call_tool("edit_cart", ten_times))
        assert edited["budget"] == "1000" and Decimal(edited["total"]) > 40


@pytest.mark.anyio
async def test_a_plan_that_buys_nothing_says_why_and_does_not_offer_payment():
    async with client(stdio()) as c:
        result = await c.call_tool("plan_purchase", {"prompt": "24 energy drinks", "budget": "1"})
        p = ok(result)
        assert p["options"] == [] and [u["reason"] for u in p["unmet"]] == ["over_budget"]
        text = result.content[0].text
        assert text.startswith("Nothing could be bought: 24 energy drinks (every offer alone costs more than the budget"), text
        assert "execute_purchase" not in text and "check_policy, then" not in text, text
        assert "cannot be paid" in p["note"]


@pytest.mark.anyio
async def test_hosts_are_told_a_payment_needs_the_users_confirmation():
    async with client(stdio()) as c:
        hints = {t.name: t.annotations for t in (await c.list_tools()).tools}
    pay = hints["execute_purchase"]
    assert (pay.read_only_hint, pay.destructive_hint, pay.idempotent_hint, pay.open_world_hint) == (False, True, True, True)
    # Planning and editing keep carts that can be paid (and a plan is audited): not read-only.
    for name in ("plan_purchase", "edit_cart"):
        assert hints[name].read_only_hint is False and hints[name].destructive_hint is False, name
    for name in ("check_policy", "get_policy", "verify_settlement"):
        assert hints[name].read_only_hint is True, name


@pytest.mark.anyio
async def test_errors_name_the_tool_argument_at_fault():
    async with client(stdio()) as c:
        first = await plan(c, "24 energy drinks", "100")
        other = await plan(c, "10 usb-c hubs", "300")
        ok(await c.call_tool("execute_purchase", {"cart_id": first["cart_id"], "idempotency_key": "names-1"}))
        reused = await c.call_tool("execute_purchase", {"cart_id": other["cart_id"], "idempotency_key": "names-1"})
        assert refused(reused, "IDEMPOTENCY_CONFLICT")["field"] == "idempotency_key"
        for tool, args, missing in [
            ("execute_purchase", {"cart_id": other["cart_id"]}, "idempotency_key"),
            ("edit_cart", {"cart_id": other["cart_id"], "action": "remove"}, "line_id"),
            ("plan_purchase", {"budget": "10"}, "prompt"),
            ("verify_settlement", {}, "receipt"),
        ]:
            error = refused(await c.call_tool(tool, args), "INVALID_ARGUMENTS")
            assert error["field"] == missing and missing in error["message"], (tool, error)


@pytest.mark.anyio
async def test_an_edit_says_what_the_line_became():
    # set_units of 1 on a pack of 24 kept the same cart and said only "New cart ...": an agent told
    # the user the line was set to 1.
    async with client(stdio()) as c:
        p = await plan(c, "24 energy drinks", "300")
        line = p["options"][0]
        assert (line["units"], line["quantity"]) == (24, 1), line
        args = {"cart_id": p["cart_id"], "line_id": line["id"], "action": "set_units", "units": 1}
        result = await c.call_tool("edit_cart", args)
        assert ok(result)["cart_id"] == p["cart_id"]
        text = result.content[0].text
        assert text.startswith(f"Cart {p['cart_id']} is unchanged; line {line['id']} is 24 units (1 pack of 24; packs are whole, 1 asked)"), text
        result = await c.call_tool("edit_cart", {**args, "units": 30})
        assert "is 48 units (2 packs of 24; packs are whole, 30 asked)" in result.content[0].text, result.content[0].text


@pytest.mark.anyio
async def test_replacing_a_line_keeps_the_units_the_agent_set():
    # The agent set 60 energy drinks, then switched to another offer of the need: the new line
    # bought the 24 the plan first asked, throwing the agent's edit away.
    async with client(stdio()) as c:
        p = await plan(c, "24 energy drinks", "300")
        line = p["options"][0]
        others = [o["offer_id"] for r in p["alternatives"] for o in r["options"] if o["offer_id"] != line["id"]]
        assert others, p["alternatives"]
        edit = {"cart_id": p["cart_id"], "line_id": line["id"], "action": "set_units", "units": 60}
        sixty = ok(await c.call_tool("edit_cart", edit))
        replaced = ok(await c.call_tool("edit_cart", {"cart_id": sixty["cart_id"], "line_id": line["id"], "action": "replace", "offer_id": others[0]}))
        new = next(l for l in replaced["lines"] if l["id"] == others[0])
        pack = new["units"] // new["quantity"]
        assert 60 <= new["units"] < 60 + pack, new
        # And back again: still the 60 asked, not the plan's 24.
        back = ok(await c.call_tool("edit_cart", {"cart_id": replaced["cart_id"], "line_id": others[0], "action": "replace", "offer_id": line["id"]}))
        assert next(l for l in back["lines"] if l["id"] == line["id"])["units"] == sixty_units(sixty, line["id"])
        # A line never edited still buys what its need asked.
        fresh = ok(await c.call_tool("edit_cart", {"cart_id": p["cart_id"], "line_id": line["id"], "action": "replace", "offer_id": others[0]}))
        assert next(l for l in fresh["lines"] if l["id"] == others[0])["units"] < 48


def sixty_units(cart, line_id):
    return next(l for l in cart["lines"] if l["id"] == line_id)["units"]


@pytest.mark.anyio
async def test_a_retry_of_a_paid_key_is_paid_even_after_its_cart_is_forgotten():
    """An agent retries a payment whose answer it lost, after more carts were planned than the
    server keeps: the key answers its settlement, never "unknown cart, not paid"."""
    async with client(stdio(extra=["--max-carts", "2"])) as c:
        first = await plan(c, "24 energy drinks", "100")
        paid = ok(await c.call_tool("execute_purchase", {"cart_id": first["cart_id"], "idempotency_key": "pay-A"}))
        for prompt in ("10 usb-c hubs", "50 badges", "20 lanyards"):
            await plan(c, prompt, "300")
        result = await c.call_tool("execute_purchase", {"cart_id": first["cart_id"], "idempotency_key": "pay-A"})
        again = ok(result)
        assert again["paid"] is True and again["replayed"] is True
        assert again["transaction_hashes"] == paid["transaction_hashes"]
        assert "receipt" not in again and "no receipt bundle" in result.content[0].text
        # The structured answer is in the text too, for hosts that pass the model text only.
        assert json.loads(result.content[1].text) == again
        assert len(await settlements(c)) == 1
        # Another key for the forgotten cart pays nothing and says the cart is unknown.
        refused(await c.call_tool("execute_purchase", {"cart_id": first["cart_id"], "idempotency_key": "pay-B"}), "UNKNOWN_CART")


@pytest.mark.anyio
async def test_a_retry_under_a_fresh_key_does_not_pay_the_cart_twice():
    """An agent lost the answer to a payment and retries with a new idempotency key, as agents
    that make a key per call do: the cart was paid, and the answer says under which key instead
    of paying it again. Buying the same cart again is still possible, when asked for."""
    async with client(stdio()) as c:
        cart = await plan(c, "24 energy drinks", "100")
        paid = ok(await c.call_tool("execute_purchase", {"cart_id": cart["cart_id"], "idempotency_key": "first-try"}))
        twice = refused(await c.call_tool("execute_purchase", {"cart_id": cart["cart_id"], "idempotency_key": "second-try"}), "ALREADY_PAID")
        assert twice["kind"] == "conflict" and twice["field"] == "idempotency_key"
        assert twice["paid_under"] == "first-try" and twice["settlement_status"] == "success"
        assert twice["transaction_hashes"] == paid["transaction_hashes"]
        assert "pay_again" in twice["message"] and "nothing was paid" in twice["message"]
        assert len(await settlements(c)) == 1
        # The same cart planned again has the same id: still paid.
        again = await plan(c, "24 energy drinks", "100")
        assert again["cart_id"] == cart["cart_id"]
        refused(await c.call_tool("execute_purchase", {"cart_id": again["cart_id"], "idempotency_key": "third-try"}), "ALREADY_PAID")
        # The first key still answers its own settlement.
        replay = ok(await c.call_tool("execute_purchase", {"cart_id": cart["cart_id"], "idempotency_key": "first-try"}))
        assert replay["replayed"] is True and replay["transaction_hashes"] == paid["transaction_hashes"]
        # On purpose: a second, separate payment.
        second = ok(await c.call_tool("execute_purchase", {"cart_id": cart["cart_id"], "idempotency_key": "restock", "pay_again": True}))
        assert second["replayed"] is False and second["transaction_hashes"] != paid["transaction_hashes"]
        assert len(await settlements(c)) == 2


@pytest.mark.anyio
async def test_a_deadline_said_in_the_prompt_is_planned_and_told():
    # "needed tomorrow" was planned with the default 7 days: 5-day deliveries, and the summary
    # never said which deadline it used.
    async with client(stdio()) as c:
        result = await c.call_tool("plan_purchase", {"prompt": "50 pens and 10 sticky notes, needed tomorrow", "budget": "200", "strategy": "cheapest"})
        p = ok(result)
        assert p["deadline_days"] == 1 and p["options"], p
        assert all(l["delivery_days"] <= 1 for l in p["options"]), p["options"]
        assert "of a 1-day deadline" in result.content[0].text, result.content[0].text


@pytest.mark.anyio
async def test_an_edit_that_empties_the_cart_or_runs_out_of_stock_says_so():
    async with client(stdio()) as c:
        p = await plan(c, "24 energy drinks", "300")
        line = p["options"][0]
        result = await c.call_tool("edit_cart", {"cart_id": p["cart_id"], "line_id": line["id"], "action": "remove"})
        empty = ok(result)
        assert empty["lines"] == []
        # It said "0 line(s), total 0 USDC ... Nothing is paid", as if a payment were to follow.
        assert "nothing to check or pay" in result.content[0].text, result.content[0].text
        # More than the merchant has: the error names the argument at fault.
        args = {"cart_id": p["cart_id"], "line_id": line["id"], "action": "set_units", "units": 4_000_000_000}
        assert refused(await c.call_tool("edit_cart", args), "INSUFFICIENT_STOCK")["field"] == "units"
