"""Skip LaTeX decoding for field values that hold no LaTeX.

pybtex turns every field and name into rich text through
``Text.from_latex``: the latexcodec decoder (a pure-Python lexer) then
pybtex's LaTeX parser, about a millisecond per value, half of the time spent
formatting an entry. Most values — "Attention Is All You Need", "Łukasz" —
contain no LaTeX at all, and for them the result is ``Text(value)``.

:func:`install` wraps ``pybtex.richtext.Text.from_latex`` for the whole
process (like :mod:`.plugin_cache`, it is pybtex's own attribute that is
replaced): a value without any character LaTeX or latexcodec interprets
(backslash, braces, ``$ ~ % & # ^ _``, quotes, dashes and ``,,`` that
form ligatures, ``< > ! ?``, runs of spaces, other white space, a leading space)
goes straight to ``Text``; anything else takes the original path. The
equivalence is checked on generated strings by the test suite.

Text that LaTeX cannot read (a lone backslash at the end, braces a ``%``
comment leaves unbalanced) is printed as written instead of raising:
:mod:`.bibcheck` repairs such fields with a located warning when it reads
the .bib file, so this is the last resort for text that reaches pybtex
another way.
"""

from __future__ import annotations

import re

from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

#: anything that latexcodec or pybtex's LaTeX parser could read differently from plain text
LATEX_SYNTAX = re.compile(r"""[\\{}$~%&#^_`'"<>!?\-\t\n\r\f\v\x00-\x1f\x7f]|,,|\s\s|^\s""")

_original = Text.from_latex.__func__


def plain_or_latex(cls, latex):
    if isinstance(latex, str) and type(latex) is str and not LATEX_SYNTAX.search(latex):
        return cls(latex) if latex else cls()
    try:
        return _original(cls, latex)
    except (UnicodeDecodeError, PybtexSyntaxError):
        return cls(latex)


plain_or_latex.installed = True


def install() -> None:
    """Route ``Text.from_latex`` through the plain-text shortcut (idempotent)."""
    if not getattr(Text.from_latex, "installed", False):
        Text.from_latex = classmethod(plain_or_latex)
