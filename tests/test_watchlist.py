from pathlib import Path

import pytest

from monitor.cli import main
from monitor.extract import Range
from monitor.watchlist import WatchlistError, load, loads, parse_interval
from tests.conftest import write_watchlist

VALID = """
[defaults]
interval = "6h"
timeout = 20
concurrency = 4
user_agent = "test-agent/1.0"

[notify]
urls = ["mailtos://${SMTP_USER}:${SMTP_PASS}@smtp.example.com?to=me@example.com"]
min_severity = "medium"

[[service]]
name = "X"
opt_out = "Settings → Privacy and safety → Grok: uncheck"

  [[service.document]]
  type = "Terms of Service"
  url = "https://x.com/en/tos"
  select = ["main"]
  remove = ["nav", "footer"]

  [[service.document]]
  type = "Privacy Policy"
  interval = "1d"
  combine = [{ url = "https://x.com/en/privacy" }, { url = "https://gdpr.x.com/en.html", select = "main" }]
"""


def test_a_valid_watchlist_loads_with_its_defaults_and_documents(tmp_path: Path) -> None:
    watchlist = load(write_watchlist(tmp_path, VALID))
    assert watchlist.defaults.interval == 6 * 3600
    assert watchlist.defaults.user_agent == "test-agent/1.0"
    terms, privacy = watchlist.documents
    assert terms.key == "X/Terms of Service" and terms.sources[0].remove == ("nav", "footer")
    assert privacy.interval == 86400
    assert [s.url for s in privacy.sources] == ["https://x.com/en/privacy", "https://gdpr.x.com/en.html"]
    assert watchlist.service("x").opt_out.startswith("Settings")
    assert watchlist.notify.min_severity == "medium"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (VALID.replace('timeout = 20', 'timout = 20'), [":4: ", "key 'timout'", "unknown key"]),
        (VALID.replace('https://x.com/en/tos', 'ftp://x.com/en/tos'), ["service 'X'", "key 'url'", "only http"]),
        (VALID.replace('interval = "1d"', 'interval = "often"'), ["document 'Privacy Policy'", "key 'interval'"]),
        (VALID.replace('type = "Privacy Policy"', 'type = "Terms of Service"'), ["duplicate document"]),
        (VALID.replace('select = ["main"]', 'select = ["main[["]'), ["invalid CSS selector", "key 'select'"]),
        (VALID.replace('[defaults]', '[defaults'), ["invalid TOML", ":2: "]),
        ('[storage]\nkeep = "90d"\n' + VALID, [":2: ", "unknown key in [storage]", "key 'keep'"]),
        ('[storage]\nkeep_checks = "soon"\n' + VALID, [":2: ", "key 'keep_checks'", "not an interval"]),
        (VALID.replace('opt_out', 'optout'), ["unknown key in [[service]]", "key 'optout'"]),
        (VALID.replace('min_severity = "medium"', 'min_severity = "urgent"'), ["key 'min_severity'"]),
        (VALID.replace('url = "https://x.com/en/tos"', 'url = "https://x.com/${NO_SUCH_VARIABLE}"'),
         ["key 'url'", "a document URL may not hold ${…}"]),
        (VALID.replace('name = "X"', 'name = "X`@channel"'), [":13: ", "key 'name'", "control characters or '`'"]),
        (VALID.replace('name = "X"', 'name = "X\\u001b]0;pwned\\u0007"'), ["key 'name'", "control characters"]),
        (VALID.replace('type = "Privacy Policy"', 'type = "Privacy\\nopt_out = 1"'),
         ["key 'type'", "a document type may not contain control characters"]),
        (VALID.replace('type = "Privacy Policy"', 'type = "Privacy \u202eycilop"'), ["key 'type'", "control"]),
        (VALID.replace('select = ["main"]', 'select = [{ startBefore = "h2" }]'),
         ["key 'select'", "a range needs one of startBefore and startAfter and one of endBefore and endAfter"]),
        (VALID.replace('select = ["main"]', 'select = [{ startBefore = "h2", endBefore = "h3", end = "x" }]'),
         ["key 'select'", "unknown: end"]),
        (VALID.replace('remove = ["nav", "footer"]', 'remove = [{ startAfter = "h2", endAfter = "h3[[" }]'),
         ["key 'remove'", "invalid CSS selector 'h3[['"]),
        (VALID.replace('select = ["main"]', 'select = [{ startBefore = "h2", endBefore = 3 }]'),
         ["key 'select'", "must be CSS selectors"]),
    ],
)
def test_every_mistake_is_named_with_file_line_and_key(tmp_path: Path, broken: str, expected: list[str]) -> None:
    path = write_watchlist(tmp_path, broken)
    with pytest.raises(WatchlistError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    for fragment in expected:
        assert fragment in message


def test_the_line_number_points_at_the_offending_key(tmp_path: Path) -> None:
    text = VALID.replace('https://x.com/en/tos', 'gopher://x.com/en/tos')
    path = write_watchlist(tmp_path, text)
    with pytest.raises(WatchlistError) as caught:
        load(path)
    line = caught.value.line
    assert line is not None and "gopher://" in text.splitlines()[line - 1]


def test_environment_variables_are_refused_in_document_urls_even_when_set(monkeypatch) -> None:
    monkeypatch.setenv("HOST", "example.org")
    text = '[[service]]\nname = "A"\n[[service.document]]\ntype = "T"\nurl = "https://${HOST}/tos"\n'
    with pytest.raises(WatchlistError, match="may not hold"):
        loads(text)


def test_intervals() -> None:
    assert parse_interval("90s") == 90
    assert parse_interval("15m") == 900
    assert parse_interval("1d") == 86400
    for bad in ("", "6 hours", "-1h", "0s", True):
        with pytest.raises(ValueError):
            parse_interval(bad)


def test_validate_prints_one_line_and_exits_2_on_a_broken_watchlist(tmp_path: Path, capsys) -> None:
    path = write_watchlist(tmp_path, VALID.replace('name = "X"', 'name = ""'))
    assert main(["--watchlist", str(path), "validate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "needs a non-empty name" in err


def test_validate_accepts_a_good_watchlist(tmp_path: Path, capsys) -> None:
    assert main(["--watchlist", str(write_watchlist(tmp_path, VALID)), "validate"]) == 0
    out = capsys.readouterr().out
    assert "1 services, 2 documents" in out and "SMTP_PASS" in out  # warns that the alert secret is unset


def test_a_missing_watchlist_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["--watchlist", str(tmp_path / "nope.toml"), "validate"]) == 2
    assert "file not found" in capsys.readouterr().err


def test_range_selectors_are_written_as_in_open_terms_archive() -> None:
    ranged = VALID.replace('select = ["main"]', 'select = ["main", { startBefore = "h2#ai", endAfter = "p.last" }]')
    watchlist = loads(ranged.replace('select = "main"', 'select = { startAfter = "h1", endBefore = "footer" }'))
    terms, privacy = watchlist.documents
    assert terms.sources[0].select == ("main", Range("h2#ai", "p.last", end_after=True))
    # A combine part inherits the document's ranges unless it has its own.
    assert privacy.sources[1].select == (Range("h1", "footer", start_after=True),)
    inherited = loads(VALID.replace('combine = [{ url = "https://x.com/en/privacy" }', 'select = [{ startBefore = '
                                    '"h1", endBefore = "footer" }]\n  combine = [{ url = "https://x.com/en/privacy" }'))
    assert inherited.documents[1].sources[0].select == (Range("h1", "footer"),)
