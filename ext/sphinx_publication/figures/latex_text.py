"""``$k_{1}z$`` in Plotly labels -> readable Unicode text (``k₁z``).

Plotly renders ``$…$`` in titles and trace names with MathJax; a chart here
has no script, so the usual notation becomes text that every font, screen
reader and the PDF can show: Greek letters, digits and signs as sub- and
superscripts where Unicode has them (``U_τ²``: no subscript τ exists),
``\\text{…}`` as its text, ``\\overline{x}`` with a combining bar.
"""

from __future__ import annotations

import re

_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
_SYMBOLS = {
    "times": "×", "cdot": "·", "pm": "±", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
    "neq": "≠", "approx": "≈", "sim": "∼", "infty": "∞", "partial": "∂", "nabla": "∇",
    "degree": "°", "circ": "∘", ",": "\u202f", ";": " ", "quad": " ", "qquad": "  ", " ": " ",
    "%": "%", "&": "&", "_": "_", "$": "$", "{": "{", "}": "}",
}
_SUB = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_SUP = dict(zip("0123456789+-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ"))
_MATH = re.compile(r"\$([^$]+)\$")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def _group(text: str, start: int) -> tuple[str, int]:
    """The argument at *start*: ``{…}`` (balanced), a command, or one character."""
    if start >= len(text):
        return "", start
    if text[start] == "{":
        depth = 0
        for end in range(start, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                return text[start + 1:end], end + 1
        return text[start + 1:], len(text)
    command = _COMMAND.match(text, start)
    if command:
        return command.group(0), command.end()
    return text[start], start + 1


def _script(body: str, table: dict[str, str], mark: str) -> str:
    converted = _convert(body)
    if converted and all(char in table for char in converted):
        return "".join(table[char] for char in converted)
    return f"{mark}{converted}" if len(converted) == 1 else f"{mark}({converted})"


def _convert(math: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(math):
        char = math[index]
        if char in "_^":
            body, index = _group(math, index + 1)
            out.append(_script(body, _SUB if char == "_" else _SUP, char))
        elif char == "\\":
            command = _COMMAND.match(math, index)
            name = command.group(1)
            index = command.end()
            if name in ("text", "mathrm", "textrm", "mathit", "mathbf", "operatorname"):
                body, index = _group(math, index)
                out.append(body.replace("\\", ""))
            elif name in ("overline", "bar"):
                body, index = _group(math, index)
                converted = _convert(body)  # the bar over the letter, not its indices
                out.append(converted[:1] + "\u0304" + converted[1:])
            elif name in ("frac",):
                top, index = _group(math, index)
                bottom, index = _group(math, index)
                out.append(f"{_convert(top)}/{_convert(bottom)}")
            elif name in ("left", "right", "displaystyle", "mathstrut"):
                continue
            else:
                out.append(_GREEK.get(name) or _SYMBOLS.get(name) or name)
        elif char in "{}":
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def latex_to_text(text: str) -> str:
    """Replace every ``$…$`` of *text* by its Unicode reading; other text is kept."""
    return _MATH.sub(lambda match: _convert(match.group(1)), text)
