"""Review-note statuses: keys, French aliases, release blocking. No Sphinx here."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    key: str
    label: str  # English msgid; translated by the caller
    blocks_release: bool


STATUSES: tuple[Status, ...] = (
    Status("wrong", "wrong", True),
    Status("rumour", "rumour", True),
    Status("unsourced", "unsourced", True),
    Status("to-verify", "to verify", True),
    Status("needs-nuance", "needs nuance", True),
    Status("confirmed", "confirmed", False),
)
STATUS_KEYS: tuple[str, ...] = tuple(s.key for s in STATUSES)
BY_KEY: dict[str, Status] = {s.key: s for s in STATUSES}

# French spellings accepted in :status: (the publication is written in French).
ALIASES: dict[str, str] = {
    "a-verifier": "to-verify",
    "errone": "wrong",
    "faux": "wrong",
    "rumeur": "rumour",
    "rumor": "rumour",
    "non-source": "unsourced",
    "a-nuancer": "needs-nuance",
    "confirme": "confirmed",
    "verifie": "confirmed",
}

DEFAULT_BLOCKING: tuple[str, ...] = tuple(s.key for s in STATUSES if s.blocks_release)


def _normalise(text: str) -> str:
    """Lower-case, strip accents, and join words with hyphens: "À vérifier" -> "a-verifier"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(bare.replace("_", " ").replace("-", " ").split())


def parse_status(text: str) -> str | None:
    """Return the status key for *text* (key or alias, any case or accents), or None."""
    name = _normalise(text)
    if name in BY_KEY:
        return name
    return ALIASES.get(name)
