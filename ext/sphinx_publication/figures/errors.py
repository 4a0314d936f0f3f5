"""The figures layer's input error and the control characters it refuses.

Below both the grammar (``parse``) and the limits (``limits``), which each
raise :class:`DataError`. Pure: no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: C0 controls except tab, line feed and carriage return, and DEL: refused in data
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DataError(ValueError):
    """Bad input; ``offset`` is the 0-based index of the faulty line, if any.

    The message is an English *template* (a catalog ``msgid``) filled with
    *params*: ``message`` is the English text, :meth:`localized` the text in
    the build's language. A param may itself be a :class:`DataError`.
    """

    def __init__(self, template: str, offset: int | None = None, line: str = "", **params: object) -> None:
        self.template = template
        self.params = params
        self.offset = offset
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.localized(lambda text: text)

    def localized(self, gettext: Callable[[str], str]) -> str:
        params = {
            key: value.localized(gettext) if isinstance(value, DataError) else value
            for key, value in self.params.items()
        }
        return str(gettext(self.template)).format(**params)

    def at(self, offset: int | None, line: str = "") -> DataError:
        """The same error, located at *offset*."""
        return DataError(self.template, offset, line, **self.params)


def control_character(text: str) -> str | None:
    """The first control character of *text* as ``U+0000``, or None."""
    match = CONTROL.search(text)
    return f"U+{ord(match.group()):04X}" if match else None
