"""Importing Open Terms Archive declarations: real ones from the corpus, and the corner cases of the format."""

from __future__ import annotations

import json

import pytest

from monitor.cli import main
from monitor.extract import Range
from monitor.ota import load_declaration, parse_declaration, to_toml
from monitor.watchlist import load, loads
from tests.conftest import CORPUS, write_watchlist

DECLARATIONS = CORPUS / "ota-declarations"
needs_declarations = pytest.mark.skipif(not DECLARATIONS.is_dir(), reason="no ../shared/corpus/ota-declarations")


@needs_declarations
def test_the_real_declarations_import_into_a_valid_watchlist(capsys) -> None:
    assert main(["import-ota", str(DECLARATIONS)]) == 0
    captured = capsys.readouterr()
    watchlist = loads(captured.out)
    assert {s.name for s in watchlist.services} == {"Facebook", "LinkedIn", "Reddit", "X"}
    assert "X.history.json: a history file" in captured.err and "filter ignored" in captured.err
    x_privacy = watchlist.document("X", "Privacy Policy")
    assert [s.url for s in x_privacy.sources] == ["https://x.com/en/privacy", "https://gdpr.x.com/en.html"]
    assert x_privacy.sources[0].select == ("main[id=twtr-main]",) and x_privacy.sources[1].select == ("main",)
    assert watchlist.document("X", "Terms of Service").sources[0].fetch == "http"
    assert watchlist.document("Facebook", "Terms of Service").needs_browser
    reddit = watchlist.service("Reddit")
    assert [d.needs_browser for d in reddit.documents][:2] == [False, True]
    linkedin = watchlist.document("LinkedIn", "Privacy Policy").sources[0]
    assert linkedin.remove[-1] == ".banner__image-container"  # the declaration's trailing space is gone
    community = watchlist.document("LinkedIn", "Community Guidelines")
    assert len({s.url for s in community.sources}) == len(community.sources)  # a repeated page is kept once
    # Range selectors are kept, in a document, in a combine part, and in remove.
    assert watchlist.document("X", "Deceased Users").sources[0].select == (
        Range("h1", '[class*="rich-text-v"]', end_after=True),)
    copyright_part = next(s for s in watchlist.document("X", "Community Guidelines").sources
                          if s.url.endswith("/copyright-policy"))
    assert copyright_part.select == (Range("h1", '[class*="share-tweet"]'),) and copyright_part.fetch == "browser"
    assert watchlist.document("Facebook", "Commercial Terms").sources[0].remove == (
        Range('[role="separator"]:first-child', '[role="contentinfo"]', end_after=True),)


@needs_declarations
def test_notes_say_what_was_left_out() -> None:
    facebook = load_declaration(DECLARATIONS / "Facebook.json")
    notes = "\n".join(facebook.notes)
    assert "range" not in notes  # ranges are imported now
    assert "filter ignored: cleanUrls" in notes
    assert "# note: filter ignored" in to_toml([facebook])


def test_both_formats_parts_and_bad_selectors() -> None:
    service = parse_declaration({"name": "Ex/Co", "documents": {
        "Terms / Conditions": {"fetch": "https://ex.com/tos", "select": ["main", "p::nonsense("],
                               "remove": ".ad, .banner"},
        "Privacy Policy": {"select": "article", "combine": [
            {"fetch": "https://ex.com/privacy"},
            {"fetch": "https://ex.com/js-part", "executeClientScripts": True, "select": "#app"},
        ]},
        "One Part": {"combine": [{"fetch": "https://ex.com/one", "executeClientScripts": True}]},
        "Nothing": {"select": "main"},
    }}, "Ex.json")
    watchlist = loads(to_toml([service]))
    tos = watchlist.document("Ex-Co", "Terms - Conditions").sources[0]
    assert tos.select == ("main",) and tos.remove == (".ad, .banner",)
    privacy = watchlist.document("Ex-Co", "Privacy Policy")
    assert [(s.fetch, s.select) for s in privacy.sources] == [("http", ("article",)), ("browser", ("#app",))]
    one = watchlist.document("Ex-Co", "One Part").sources
    assert len(one) == 1 and one[0].fetch == "browser" and one[0].url == "https://ex.com/one"
    assert [d.type for d in watchlist.documents] == ["Terms - Conditions", "Privacy Policy", "One Part"]
    notes = "\n".join(service.notes)
    assert "invalid CSS selector 'p::nonsense('" in notes and "Nothing: no page to fetch" in notes
    old_format = parse_declaration({"name": "Old", "terms": {"Terms of Service": {"fetch": "https://o.com/t"}}}, "o")
    assert loads(to_toml([old_format])).document("Old", "Terms of Service").url == "https://o.com/t"


def test_write_appends_to_the_watchlist_and_refuses_duplicates(tmp_path, capsys) -> None:
    path = write_watchlist(tmp_path, """
        [defaults]
        interval = "1d"

        [[service]]
        name = "Existing"
        opt_out = "none"
          [[service.document]]
          type = "Terms"
          url = "https://existing.example/terms"
        """)
    declarations = tmp_path / "declarations"
    declarations.mkdir()
    (declarations / "New.json").write_text(json.dumps({"name": "New", "documents": {
        "Privacy Policy": {"fetch": "https://new.example/privacy", "select": "main", "executeClientScripts": True}}}))
    (declarations / "New.history.json").write_text(json.dumps({"Privacy Policy": [{"validUntil": "2024-01-01"}]}))
    assert main(["--watchlist", str(path), "import-ota", str(declarations), "--write"]) == 0
    watchlist = load(path)
    assert [s.name for s in watchlist.services] == ["Existing", "New"]
    assert watchlist.document("New", "Privacy Policy").needs_browser and watchlist.defaults.interval == 86400
    before = path.read_text()
    capsys.readouterr()
    assert main(["--watchlist", str(path), "import-ota", str(declarations / "New.json"), "--write"]) == 2
    assert "already in the watchlist, nothing written: New" in capsys.readouterr().err
    assert path.read_text() == before


def test_what_is_not_a_declaration_is_a_usage_error(tmp_path, capsys) -> None:
    history = tmp_path / "X.json"
    history.write_text(json.dumps({"Terms of Service": [{"fetch": "https://x.com/tos", "validUntil": "2024"}]}))
    assert main(["import-ota", str(history)]) == 2
    assert "a history file" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text("{nope")
    assert main(["import-ota", str(broken)]) == 2
    assert "not JSON" in capsys.readouterr().err
    assert main(["import-ota", str(tmp_path / "absent.json")]) == 2


def test_write_refuses_a_result_that_would_set_opt_out_or_notify(tmp_path, monkeypatch, capsys) -> None:
    """Defence in depth behind the escaping: were a note ever written raw again (as before issue 17), the file as
    it would be written is read back and refused, not written."""
    from monitor import ota

    monkeypatch.setattr(ota, "_escaped", lambda text: text)  # the escaping gone: the one fault to simulate
    path = write_watchlist(tmp_path, '[[service]]\nname = "A"\n[[service.document]]\ntype = "T"\n'
                                     'url = "https://a.example/t"\n')
    before = path.read_text()
    declaration = tmp_path / "Evil.json"
    declaration.write_text(json.dumps({"name": "Evil", "documents": {"Terms": {
        "fetch": "https://ex.com/tos", "filter": 'x\nopt_out = "https://phish.example"\nnotify = ["json://127.0.0.1:9/x"]'}}}))
    assert main(["--watchlist", str(path), "import-ota", str(declaration), "--write"]) == 2
    assert "would change more than their own services: nothing written" in capsys.readouterr().err
    assert path.read_text() == before
