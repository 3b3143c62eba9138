"""Plain text on its way into machine formats (XML feeds, iCalendar).

XML 1.0 cannot carry most C0 control characters at all (not even escaped), and
iCalendar's TEXT values exclude them; a stray vertical tab pasted from a word
processor would otherwise make a whole feed or calendar unreadable. Tab, line feed
and carriage return stay: every format has its own way to write them.
"""

import re

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text: str) -> str:
    return _CONTROL_CHARACTERS.sub("", text)
