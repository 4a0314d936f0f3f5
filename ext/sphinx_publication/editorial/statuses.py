"""Review-note statuses: keys, French aliases, release blocking. No Sphinx here."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def _(message: str) -> str:
    """Mark *message* for the editorial catalog; :func:`.messages.status_label` translates it."""
    return message


@dataclass(frozen=True)
class Status:
    key: str
    label: str  # English msgid, the one list of labels; translated by the caller
    blocks_release: bool


STATUSES: tuple[Status, ...] = (
    Status("wrong", _("wrong"), True),
    Status("rumour", _("rumour"), True),
    Status("unsourced", _("unsourced"), True),
    Status("to-verify", _("to verify"), True),
    Status("needs-nuance", _("needs nuance"), True),
    Status("confirmed", _("confirmed"), False),
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
