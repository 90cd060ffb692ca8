"""Extraction as data: each page in tests/data/extract (NAME.html) read with its selectors (declarations.toml)
gives exactly the text beside it (NAME.md), as Open Terms Archive keeps its expected snapshots.

When a change of the extracted text is intended, write the new expected text and read the diff it prints:

    python3 -m tests.test_extract_fixtures            # every page
    python3 -m tests.test_extract_fixtures ranges     # one page (NAME without .html)
"""

from __future__ import annotations

import difflib
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from monitor.extract import Range, Selector, extract

FIXTURES = Path(__file__).parent / "data" / "extract"
DECLARATIONS: dict[str, dict[str, Any]] = tomllib.loads((FIXTURES / "declarations.toml").read_text("utf-8"))
PAGES = sorted(path.stem for path in FIXTURES.glob("*.html"))


def _selectors(written: list[str | dict[str, str]]) -> list[Selector]:
    return [Range.from_mapping(item) if isinstance(item, dict) else item for item in written]


def extracted_text(name: str) -> str:
    declaration = DECLARATIONS.get(name, {})
    page = (FIXTURES / f"{name}.html").read_text("utf-8")
    return extract(page, select=_selectors(declaration.get("select", [])),
                   remove=_selectors(declaration.get("remove", []))).text + "\n"


def test_every_declaration_names_a_page() -> None:
    assert set(DECLARATIONS) <= set(PAGES), set(DECLARATIONS) - set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_gives_its_expected_text(name: str) -> None:
    expected = FIXTURES / f"{name}.md"
    assert expected.exists(), f"no {expected.name}: write it with python3 -m tests.test_extract_fixtures {name}"
    assert extracted_text(name) == expected.read_text("utf-8")


def update(names: list[str]) -> int:
    """Write NAME.md for each page (all when none is named), printing what changed; 2 for an unknown name."""
    unknown = sorted(set(names) - set(PAGES))
    if unknown:
        print(f"no such page in {FIXTURES}: {', '.join(unknown)} (pages: {', '.join(PAGES)})", file=sys.stderr)
        return 2
    for name in names or PAGES:
        path = FIXTURES / f"{name}.md"
        old = path.read_text("utf-8") if path.exists() else ""
        new = extracted_text(name)
        if new != old:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                       f"{path.name} (before)", f"{path.name} (now)"))
            path.write_text(new, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(update(sys.argv[1:]))
