"""The Plotly reader's value readers, shared by ``plotly`` (the figure) and
``plotly_traces`` (the trace types computed from their data). Pure.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal

from .errors import DataError
from .latex_text import latex_to_text
from .model import Value
from .parse import checked_number, parse_value


def _(message: str) -> str:
    """Mark *message* for the figures catalog; the Sphinx layer translates it."""
    return message


def _unsupported(path: str, value: object, allowed: str) -> DataError:
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > 80:  # a list of a million items is not quoted whole
        shown = shown[:79] + "…"
    return DataError(
        _("{path} = {value} is not supported (supported: {allowed}); change or remove it"),
        path=path, value=shown, allowed=allowed,
    )


def _value(raw: object, path: str) -> Value | None:
    """A JSON number or numeric string -> Value; null -> None (a gap)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise DataError(_("{path} = {value!r} is not a number"), path=path, value=raw)
    try:
        if isinstance(raw, (int, float)):
            number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
            return Value(checked_number(number, repr(raw)))
        return parse_value(str(raw))
    except DataError as error:
        raise DataError(_("{path}: {error}"), path=path, error=error) from None


def _number(raw: object, path: str) -> float:
    if type(raw) in (int, float) and math.isfinite(raw) and (not raw or 1e-30 <= abs(raw) <= 1e30):
        return float(raw)  # what _value would say, without a Decimal per point
    value = _value(raw, path)
    if value is None:
        raise DataError(_("{path} = {value!r} is not a number"), path=path, value=raw)
    return value.as_float


def _text(value: object) -> str:
    """A Plotly title or name: ``{"text": …}`` or a string; HTML tags dropped."""
    if isinstance(value, dict):
        value = value.get("text")
    if value is None:
        return ""
    text = re.sub(r"<br\s*/?>", " ", str(value), flags=re.I)
    return latex_to_text(re.sub(r"<[^>]+>", "", text)).strip()


def _key_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()
