"""Control characters, written once: what stored text, a terminal, a message, a name and a TOML file refuse.

Text keeps its layout (tab, newline, carriage return) and loses the other C0 controls, DEL and the C1 controls (ESC
and CSI among them: they drive a terminal). What is shown to a person loses the carriage return too (it would
return to the start of a terminal line and overwrite it) and the bidi controls (they reorder what a terminal, a
mail or a chat shows: "\\u202e" makes text read backwards). A name refuses every control.

>>> CONTROL.sub("", "a\\tb\\x1b[31mc\\r\\n"), DISPLAY_UNSAFE.sub("", "a\\tb\\x1b[31mc\\r\\n\\u202e")
('a\\tb[31mc\\r\\n', 'a\\tb[31mc\\n')
"""

from __future__ import annotations

import re

# C0 controls but tab (\x09), newline (\x0a) and carriage return (\x0d).
C0_BUT_LAYOUT = "\x00-\x08\x0b\x0c\x0e-\x1f"
DEL_AND_C1 = "\x7f-\x9f"
# The bidi embedding, override and isolate controls (U+202A to U+202E, U+2066 to U+2069).
BIDI_CHARS = (*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)))
BIDI = "".join(BIDI_CHARS)

# What text loses: every control but its layout.
CONTROL = re.compile(f"[{C0_BUT_LAYOUT}{DEL_AND_C1}]")
# The characters of CONTROL, for a quick ``in`` test before a regular expression scans a long text.
CONTROL_CHARS = tuple(char for char in map(chr, range(0xA0)) if CONTROL.match(char))
# What a terminal line or a message must not show: the controls, the carriage return and the bidi controls.
DISPLAY_UNSAFE = re.compile(f"[{C0_BUT_LAYOUT}\r{DEL_AND_C1}{BIDI}]")
# Every control, layout included, and the bidi controls: refused in a name, escaped in a TOML file.
ALL_CONTROLS = f"\t\n\r{C0_BUT_LAYOUT}{DEL_AND_C1}{BIDI}"  # a character class's body, to add characters to
ANY_CONTROL = re.compile(f"[{ALL_CONTROLS}]")
