"""The binary's command line: what it refuses before serving, and that a key never shows."""

from __future__ import annotations

import subprocess

from conftest import APPROVER_KEY_ENV, CONFIG, MALLORY_SEED, binary, server_env


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([binary(), *args], env=env or server_env(), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)


def test_help_and_version():
    help_ = run("--help")
    assert help_.returncode == 0 and "--approver-key-env" in help_.stdout and "--http" in help_.stdout
    assert run("--version").stdout.startswith("flux-mcp ")


def test_bad_arguments_are_refused_before_serving():
    assert run("--pay-to", "0xabc").returncode == 2
    refused = run("--http", "0.0.0.0:0")
    assert refused.returncode == 2 and "loopback" in refused.stderr
    assert run("--config", "/nonexistent/flux.toml").returncode == 1


def test_an_approver_key_outside_the_policy_stops_the_server_without_showing_it():
    env = server_env()
    env[APPROVER_KEY_ENV] = MALLORY_SEED.hex()
    result = run("--config", str(CONFIG), "--approver-key-env", APPROVER_KEY_ENV, env=env)
    assert result.returncode == 1
    assert APPROVER_KEY_ENV in result.stderr and "not one of the policy's approvers" in result.stderr
    assert MALLORY_SEED.hex() not in result.stderr + result.stdout
    missing = run("--config", str(CONFIG), "--approver-key-env", "FLUX_MCP_NO_SUCH_VAR")
    assert missing.returncode == 1 and "FLUX_MCP_NO_SUCH_VAR is not set" in missing.stderr


def test_a_key_given_for_the_variable_name_is_refused_and_never_shown():
    """`--approver-key-env` takes a variable's name; a key passed there instead must not reach
    stderr, which MCP hosts log."""
    key = MALLORY_SEED.hex()
    for given in (key, "0x" + key):
        for args in (["--approver-key-env", given], [f"--approver-key-env={given}"]):
            result = run("--config", str(CONFIG), *args)
            assert result.returncode == 2, result
            assert key not in result.stderr + result.stdout
            assert "NAME of an environment variable" in result.stderr and "not the key itself" in result.stderr
    stray = run("--config", str(CONFIG), key)
    assert stray.returncode == 2 and key not in stray.stderr and "not shown" in stray.stderr
