"""The README is documentation that runs: every TOML example it shows is a watchlist we accept, and every key a
watchlist may hold is documented in it (as urlwatch executes the examples of its filter documentation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor import watchlist
from monitor.watchlist import Defaults, NotifyConfig, StorageConfig, WebConfig

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
TOML_EXAMPLES = re.findall(r"```toml\n(.*?)```", README, re.S)
WATCHLIST_KEYS = {
    "[defaults]": set(Defaults.__dataclass_fields__), "[notify]": set(NotifyConfig.__dataclass_fields__),
    "[storage]": set(StorageConfig.__dataclass_fields__), "[web]": set(WebConfig.__dataclass_fields__),
    "[[service]]": {"name", "opt_out", "notify"},
    "[[service.document]]": {"type", "url", "select", "remove", "fetch", "wait_for", "allow_private_network",
                             "combine", "interval", "timeout", "shrink_threshold"},
}


def test_the_readme_shows_toml_examples() -> None:
    assert len(TOML_EXAMPLES) >= 3


@pytest.mark.parametrize("example", TOML_EXAMPLES, ids=[f"example-{n}" for n in range(len(TOML_EXAMPLES))])
def test_every_toml_example_in_the_readme_is_a_valid_watchlist(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in set(re.findall(r"\$\{(\w+)\}", example)):
        monkeypatch.setenv(name, "example-secret")
    if "[[service]]" not in example:  # a fragment: put it in a watchlist that watches something
        example += '\n[[service]]\nname = "Example"\n'
    if "[[service.document]]" not in example:  # the last service gets a document to watch
        example += '  [[service.document]]\n  type = "Terms"\n  url = "https://example.com/terms"\n'
    watchlist.loads(example, path="README.md")


def test_the_watchlist_parser_knows_exactly_the_keys_this_test_lists() -> None:
    from monitor.watchlist import _DOCUMENT_KEYS, _SERVICE_KEYS  # the parser's own tables, compared once here

    assert WATCHLIST_KEYS["[[service.document]]"] == _DOCUMENT_KEYS
    assert WATCHLIST_KEYS["[[service]]"] | {"document"} == _SERVICE_KEYS


@pytest.mark.parametrize(("table", "key"), sorted((table, key) for table, keys in WATCHLIST_KEYS.items()
                                                  for key in keys))
def test_every_watchlist_key_is_documented_in_the_readme(table: str, key: str) -> None:
    examples = "\n".join(TOML_EXAMPLES)
    assert re.search(rf"^\s*#?\s*{re.escape(key)}\s*=", examples, re.M) or f"`{key}`" in README, \
        f"{table} {key} is not documented in README.md"


def test_the_readme_command_table_lists_exactly_the_commands_the_parser_has() -> None:
    import argparse

    from monitor.cli import build_parser

    parser = build_parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    table = README[README.index("## Commands"):README.index("`compare --json`")]
    documented = set(re.findall(r"^\| `([a-z-]+)", table, re.M))
    assert documented == set(commands.choices)
