"""The kernel's configuration, host numbers and error kinds, seen from Python: the binding only
passes them through, so these check the pass-through (shapes, classes, attributes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fluxos
from conftest import NOW_MS, PROMPT


def test_from_config_mapping_equals_keyword_options() -> None:
    a = fluxos.Flux(settler="memory", now_ms=NOW_MS, alternatives=2)
    b = fluxos.Flux.from_config({"settler": "memory", "now_ms": NOW_MS, "alternatives": 2})
    assert isinstance(b, fluxos.Flux)  # the facade class, with its coroutine methods
    assert a.orchestrate(PROMPT, budget="800").canonical_json() == b.orchestrate(PROMPT, budget="800").canonical_json()
    assert b.settler == "memory" and b.chain_id == 5042002


def test_from_config_file_reads_paths_relative_to_it(tmp_path: Path) -> None:
    policy = fluxos.Policy.demo().to_dict()
    policy["rules"]["max_budget_cap"] = "75.5"
    policy["rules"].pop("per_transfer_cap")
    (tmp_path / "policy.json").write_text(json.dumps({"merchants": policy["merchants"], "rules": policy["rules"]}))
    (tmp_path / "flux.toml").write_text('policy = "policy.json"\nsettler = "memory"\n')
    flux = fluxos.Flux.from_config(tmp_path / "flux.toml")
    assert str(flux.policy.to_dict()["rules"]["max_budget_cap"]) == "75.5"
    assert fluxos.Flux.from_config(str(tmp_path / "flux.toml")).policy.hash == flux.policy.hash


def test_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "flux.json").write_text(json.dumps({"settler": "memory", "audit_retention": 7}))
    for var in ("FLUX_SETTLER", "FLUX_POLICY", "FLUX_CATALOGS", "FLUX_PARSER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("FLUX_CONFIG", str(tmp_path / "flux.json"))
    assert fluxos.Flux.from_env().settler == "memory"
    monkeypatch.setenv("FLUX_SETTLER", "sandbox")  # the old variables still work, over the file
    assert fluxos.Flux.from_env().settler == "sandbox"


def test_config_errors_name_the_field_and_never_a_secret() -> None:
    with pytest.raises(fluxos.ConfigError) as info:
        fluxos.Flux.from_config({"settler": {"kind": "evm", "chain": {"chain_id": 1, "rpc_urls": "https://rpc.example/v2/SECRET123", "token": "0x" + "36" + "0" * 38}}})
    assert info.value.code == "INVALID_CONFIG" and info.value.kind == "config" and info.value.http_status == 500
    assert "settler.chain.rpc_urls" in str(info.value) and "SECRET123" not in str(info.value)
    with pytest.raises(fluxos.ConfigError) as info:
        fluxos.Flux(policy={"merchants": [], "rules": {"max_budget_cap": "-1"}})
    assert "policy.rules.max_budget_cap" in str(info.value)
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(config={"settler": "memory"}, settler="sandbox")
    with pytest.raises(fluxos.ConfigError):
        fluxos.Flux(settler={"kind": "sandbox", "journal": "x.sqlite"})  # an EVM-only option


def test_config_schema_describes_the_config() -> None:
    schema = json.loads(fluxos.config_schema())
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"catalogs", "policy", "parser", "settler", "audit_retention"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (0.1, "0.1"),
        (12.5, "12.5"),
        (999_999_999.999999, "999999999.999999"),
        (1e-7, None),  # finer than a micro-dollar
        (0.1 + 0.2, None),  # 0.30000000000000004: not the decimal anyone wrote
        (float(2**53 + 1), None),  # arrives as 2**53: sixteen digits nobody typed
        (-0.0, None),
        (-1.0, None),
        (float("nan"), None),
        (float("inf"), None),
        (1e21, None),
    ],
)
def test_host_floats_follow_the_kernels_rule(value: float, ok: str | None) -> None:
    if ok is None:
        with pytest.raises(fluxos.InvalidAmount) as info:
            fluxos.parse_amount(value)
        assert info.value.code == "INVALID_AMOUNT" and info.value.http_status == 422
    else:
        assert str(fluxos.parse_amount(value)) == ok


def test_error_kinds_and_statuses(flux: fluxos.Flux, proposal: fluxos.Proposal) -> None:
    with pytest.raises(fluxos.PolicyViolation) as denied:
        flux.execute([{"vendor_id": "evil_corp", "price": "5"}])
    assert (denied.value.kind, fluxos.http_status(denied.value)) == ("policy_violation", 403)
    flux.execute(proposal.cart, "k-1")
    with pytest.raises(fluxos.SettlementError) as conflict:
        flux.execute(proposal.cart.remove_line(proposal.options[0].id), "k-1")
    assert (conflict.value.code, conflict.value.kind, conflict.value.http_status) == ("IDEMPOTENCY_CONFLICT", "conflict", 422)
    # Errors raised from Python code get their class's defaults.
    assert fluxos.http_status(fluxos.InvalidAmount("x")) == 422
    assert fluxos.http_status(fluxos.CatalogError("x")) == 503
