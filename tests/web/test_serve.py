"""`dyadwatch serve`: loopback by default, a warning for any other address, the store from --store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dyadwatch.cli import main
from dyadwatch.cli.web import is_loopback
from tests.web.builders import corpus
from tests.web.test_app import TestClient, write_store


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.org", False),
])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.fixture()
def served(monkeypatch, tmp_path):
    """Run `serve` with uvicorn.run replaced by a recorder."""
    import uvicorn

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    path = tmp_path / "s.duckdb"
    write_store(path, corpus())

    def serve(*args: str):
        result = CliRunner().invoke(main, ["--store", str(path), "serve", *args])
        return result, calls

    return serve


def test_serve_binds_to_loopback_by_default(served):
    result, calls = served()
    assert result.exit_code == 0, result.output
    assert [(c["host"], c["port"]) for c in calls] == [("127.0.0.1", 8000)]
    assert "warning" not in result.stderr and "http://127.0.0.1:8000/" in result.stderr
    served_dyads = TestClient(calls[0]["app"]).get("/index.json").json()["dyads"]
    assert [d["href"] for d in served_dyads] == ["/dyads/AZE-RUS", "/dyads/ARM-AZE"]  # the --store given


def test_serve_warns_on_a_public_address_but_binds(served):
    result, calls = served("--host", "0.0.0.0", "--port", "8123")
    assert result.exit_code == 0
    assert [(c["host"], c["port"]) for c in calls] == [("0.0.0.0", 8123)]
    assert result.stderr.count("warning: binding to 0.0.0.0") == 1


def test_serve_refuses_a_missing_store_cleanly(tmp_path):
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "nope.duckdb"), "serve"])
    assert result.exit_code == 1 and result.stderr.startswith("error: store ") and "does not exist" in result.stderr
