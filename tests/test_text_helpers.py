"""The shared helpers every module uses for control characters (``monitor.controlchars``) and for time
(``monitor.clock``): each use keeps the range it needs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor import clock
from monitor.controlchars import ANY_CONTROL, CONTROL, CONTROL_CHARS, DISPLAY_UNSAFE
from monitor.extract import extract, normalize_text
from monitor.ota import _escaped
from monitor.render import clean
from monitor.watchlist import UNSAFE_NAME

ESC, CSI, DEL, RLO = "\x1b", "\x9b", "\x7f", "\u202e"


def test_stored_text_keeps_its_layout_and_loses_every_other_control() -> None:
    assert CONTROL.sub("", f"a\tb\r\nc{ESC}[2J{CSI}{DEL}\x00d") == "a\tb\r\nc[2Jd"
    assert set(CONTROL_CHARS) == {chr(c) for c in range(0xA0) if CONTROL.match(chr(c))}
    assert {"\t", "\n", "\r"}.isdisjoint(CONTROL_CHARS) and len(CONTROL_CHARS) == 0x20 - 3 + 0x21
    # a page's text: controls and bidi controls gone, line ends normalised rather than dropped
    assert normalize_text(f"one\r\ntwo{ESC}{RLO}\rthree") == "one\ntwo\nthree"
    assert extract(f"<p>x{ESC}&#27;&#x202e;y</p>").text == "xy"


def test_what_a_terminal_shows_loses_the_carriage_return_and_bidi_controls_too() -> None:
    assert DISPLAY_UNSAFE.sub("", f"ok\r{ESC}[31mforged\t{RLO}end\n") == "ok[31mforged\tend\n"
    assert clean(f"a\rb{RLO}c") == "abc"  # the table and log line cleaning


def test_names_refuse_and_toml_escapes_every_control_layout_included() -> None:
    for char in ("\t", "\n", "\r", ESC, CSI, DEL, RLO, "\u2069"):
        assert ANY_CONTROL.fullmatch(char) and UNSAFE_NAME.search(f"Name{char}")
    assert UNSAFE_NAME.search("a`b") and not UNSAFE_NAME.search("Privacy Policy (EU) – 2024")
    assert _escaped(f"a\nb{RLO}") == "a\\u000ab\\u202e"


def test_times_are_stored_in_utc_to_the_second_and_a_time_without_a_zone_is_utc() -> None:
    assert clock.iso(datetime(2024, 11, 15, 9, 30, 15, 500_000, tzinfo=UTC)) == "2024-11-15T09:30:15+00:00"
    assert clock.iso(datetime(2024, 11, 15, 9, 30)) == "2024-11-15T09:30:00+00:00"
    assert clock.parse("2024-11-15T09:30") == datetime(2024, 11, 15, 9, 30, tzinfo=UTC)
    assert clock.parse("2024-11-15T10:30+01:00") == datetime(2024, 11, 15, 9, 30, tzinfo=UTC)
    assert clock.parse("not a time") is None and clock.parse(None) is None and clock.parse("") is None


def test_now_and_cut_offs_are_stored_times() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    stamp = clock.parse(clock.utcnow())
    assert stamp is not None and before <= stamp <= datetime.now(UTC)
    cutoff = clock.parse(clock.ago(3600))
    assert cutoff is not None and abs((before - timedelta(hours=1) - cutoff).total_seconds()) <= 2
    with pytest.raises(OverflowError):
        clock.ago(10**12 * 86400)


@pytest.mark.parametrize(("value", "day", "minute"), [
    ("2024-11-05T23:30:00+00:00", "5 Nov 2024", "2024-11-05 23:30 UTC"),
    ("2024-11-06T00:30:00+01:00", "6 Nov 2024", "2024-11-05 23:30 UTC"),  # the day as written, the time in UTC
    ("2024-11-05", "5 Nov 2024", "2024-11-05 00:00 UTC"),
    ("soon", "soon", "soon"),
    ("", "", ""),
])
def test_times_for_people(value: str, day: str, minute: str) -> None:
    assert (clock.day(value), clock.minute(value)) == (day, minute)


def test_a_stored_time_in_a_table() -> None:
    assert clock.short_time("2024-11-05T23:30:00+00:00") == "2024-11-05 23:30:00Z"
    assert clock.short_time(None) == clock.short_time("") == "—"
