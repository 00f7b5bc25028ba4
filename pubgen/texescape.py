"""Unicode text -> LaTeX that pdflatex typesets literally and that cannot run a command.

The text was decoded from LaTeX to Unicode by normalise; here it is encoded again for a
CV, from scratch, so nothing the .bib wrote reaches TeX as markup. All ten special
characters (``\\ { } $ & # ^ _ % ~``) become commands, so ``\\input``, ``\\write18`` or
``^^5c`` arrive as printed text, and so do the ligatures and brackets TeX would otherwise
read (``--``, ``''``, ``<<``, ``[`` after ``\\item``).

Every other character is one of:
- printable ASCII: itself;
- a character pdflatex typesets with ``inputenc`` utf8 + ``fontenc`` T1 (the ranges below
  are what LaTeX 2022 declares for T1, TS1, OT1 and OMS, each one compiled and checked):
  itself, as UTF-8;
- Greek and mathematical symbols (common in decoded titles: ``$\\alpha$`` is ``α`` by now):
  their math command in ``\\ensuremath``;
- an accent with no precomposed form: the accent command;
- a super- or subscript form: ``\\textsuperscript``/``\\textsubscript`` of its base;
- an invisible format character (zero-width, bidirectional controls): dropped, pdflatex
  has nothing to draw and no text is lost;
- anything else (CJK, emoji, Cyrillic, ...): ``\\pubgenchar{HEX}{character}``, which the
  output defines to print the character under XeLaTeX or LuaLaTeX and ``[U+HEX]`` under
  pdflatex (see README, "Output formats").
"""

# ruff: noqa: RUF001, RUF002, RUF003  (look-alike characters on purpose)
from __future__ import annotations

import bisect
import re
import unicodedata

from pubgen.escape import clean_text

_SPECIALS = {
    "\\": "\\textbackslash{}",
    "{": "\\{",
    "}": "\\}",
    "$": "\\$",
    "&": "\\&",
    "#": "\\#",
    "^": "\\textasciicircum{}",
    "_": "\\_",
    "%": "\\%",
    "~": "\\textasciitilde{}",
    # Printable, but TeX or T1 fonts would read them: guillemet and !` ?` ligatures, a
    # babel shorthand, an optional argument of \item or \\.
    "<": "\\textless{}",
    ">": "\\textgreater{}",
    "|": "\\textbar{}",
    '"': "\\textquotedbl{}",
    "`": "\\textasciigrave{}",
    "[": "{[}",
    "]": "{]}",
}
# -- and --- are dashes, '' and ,, are quotes in T1: a {} between the two keeps both.
_LIGATURES = re.compile(r"([-',])(?=\1)")

# (first, last) code points pdflatex prints with utf8 + T1 (from t1enc.dfu, ts1enc.dfu,
# ot1enc.dfu, omsenc.dfu and utf8enc.dfu of TeX Live 2022, each compiled to a PDF).
_PDFLATEX = (
    (0x00A0, 0x0125), (0x0128, 0x0137), (0x0139, 0x013E), (0x0141, 0x0148), (0x014A, 0x0165),
    (0x0168, 0x017E), (0x0192, 0x0192), (0x01C4, 0x01D4), (0x01E2, 0x01E3), (0x01E6, 0x01EB),
    (0x01F0, 0x01F0), (0x01F4, 0x01F5), (0x0218, 0x021B), (0x0232, 0x0233), (0x0237, 0x0237),
    (0x02C6, 0x02C7), (0x02D8, 0x02D9), (0x02DB, 0x02DD), (0x0E3F, 0x0E3F), (0x1E02, 0x1E03),
    (0x1E0D, 0x1E0D), (0x1E1E, 0x1E21), (0x1E25, 0x1E25), (0x1E30, 0x1E31), (0x1E37, 0x1E37),
    (0x1E43, 0x1E43), (0x1E45, 0x1E45), (0x1E47, 0x1E47), (0x1E5B, 0x1E5B), (0x1E63, 0x1E63),
    (0x1E6D, 0x1E6D), (0x1E8E, 0x1E91), (0x1E9E, 0x1E9E), (0x1EF2, 0x1EF3), (0x2010, 0x2016),
    (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2022), (0x2026, 0x2026), (0x2030, 0x2031),
    (0x2039, 0x203B), (0x203D, 0x203D), (0x2044, 0x2044), (0x204E, 0x204E), (0x2052, 0x2052),
    (0x20A1, 0x20A1), (0x20A4, 0x20A4), (0x20A6, 0x20A6), (0x20A9, 0x20A9), (0x20AB, 0x20AC),
    (0x20B1, 0x20B1), (0x2103, 0x2103), (0x2116, 0x2117), (0x211E, 0x211E), (0x2120, 0x2120),
    (0x2122, 0x2122), (0x2126, 0x2127), (0x212E, 0x212E), (0x2190, 0x2193), (0x2329, 0x232A),
    (0x2422, 0x2423), (0x25E6, 0x25E6), (0x25EF, 0x25EF), (0x266A, 0x266A), (0x27E8, 0x27E9),
    (0x3008, 0x3009), (0xFB00, 0xFB06),
)  # fmt: skip
_STARTS = [first for first, _ in _PDFLATEX]

# Math-mode spellings (plain LaTeX, no amssymb) of what normalise decoded from math.
_MATH_WORDS = (
    """α alpha β beta γ gamma δ delta ε epsilon ϵ epsilon ζ zeta η eta θ theta ϑ vartheta
    ι iota κ kappa λ lambda μ mu ν nu ξ xi ο omicron π pi ϖ varpi ρ rho ϱ varrho σ sigma
    ς varsigma τ tau υ upsilon φ phi ϕ phi χ chi ψ psi ω omega Γ Gamma Δ Delta Θ Theta
    Λ Lambda Ξ Xi Π Pi Σ Sigma Υ Upsilon Φ Phi Ψ Psi Ω Omega ℓ ell ℏ hbar ℵ aleph ℜ Re
    ℑ Im ℘ wp ∂ partial ∇ nabla ∞ infty ∅ emptyset ∀ forall ∃ exists ∗ ast ⋆ star
    ∘ circ ⊕ oplus ⊖ ominus ⊗ otimes ⊙ odot ∧ wedge ∨ vee ∩ cap ∪ cup ∖ setminus
    ≤ leq ≥ geq ≠ neq ≈ approx ∼ sim ≃ simeq ≅ cong ≡ equiv ∝ propto ≪ ll ≫ gg ≺ prec
    ≻ succ ⊥ perp ∥ parallel ∣ mid ∈ in ∉ notin ∋ ni ⊂ subset ⊆ subseteq ⊃ supset
    ⊇ supseteq ↔ leftrightarrow ⇒ Rightarrow ⇐ Leftarrow ⇔ Leftrightarrow
    ⟹ Longrightarrow ⟺ Longleftrightarrow ⟶ longrightarrow ⟵ longleftarrow ↦ mapsto
    ∑ sum ∏ prod ∐ coprod ∫ int ∮ oint ⋃ bigcup ⋂ bigcap ⌈ lceil ⌉ rceil ⌊ lfloor
    ⌋ rfloor ⋯ cdots ⋮ vdots ⋱ ddots ′ prime ⊤ top ∠ angle △ triangle ∓ mp ⋅ cdot
    √ surd"""
).split()
_MATH = dict(zip(_MATH_WORDS[::2], _MATH_WORDS[1::2], strict=True))
_OTHER = {
    "\u2212": "\\ensuremath{-}",  # minus sign
    "\u2009": "\\,",  # thin space: the author's choice, keep it thin
    "\u202f": "\\,",
    "\u03bf": "o",  # omicron has no command of its own
}
# Combining marks -> the text accent command that draws them over the previous character.
_ACCENTS = dict(
    zip(
        "\u0301\u0300\u0302\u0308\u0303\u0304\u0307\u0306\u030c\u030b\u0327\u0328\u030a\u0323\u0331",
        ("'", "`", "^", '"', "~", "=", ".", "u", "v", "H", "c", "k", "r", "d", "b"),
        strict=True,
    )
)
_SCRIPTS = {"<super>": "\\textsuperscript{%s}", "<sub>": "\\textsubscript{%s}"}


def _pdflatex_prints(char: str) -> bool:
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    return index >= 0 and _PDFLATEX[index][0] <= code <= _PDFLATEX[index][1]


def _char(char: str) -> str:
    """One non-ASCII character (not a combining mark) as LaTeX."""
    if char in _OTHER:
        return _OTHER[char]
    if char in _MATH:
        return "\\ensuremath{\\" + _MATH[char] + "}"
    if _pdflatex_prints(char):
        return char
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category == "Zs":
        return " "
    tag, _, base = unicodedata.decomposition(char).partition(" ")
    if tag in _SCRIPTS and " " not in base:
        return _SCRIPTS[tag] % escape_latex(chr(int(base, 16)))
    if tag == "<font>" and " " not in base:  # ℝ, 𝐱: the letter, without the font
        return escape_latex(chr(int(base, 16)))
    return f"\\pubgenchar{{{ord(char):04X}}}{{{char}}}"


# ASCII after clean_text is printable: only the specials change, one substitution does it.
_SPECIAL = re.compile("[" + re.escape("".join(_SPECIALS)) + "]")


def escape_latex(text: str) -> str:
    text = clean_text(text)
    if text.isascii():  # most names, venues and titles: no accent or symbol to look up
        return _LIGATURES.sub(r"\1{}", _SPECIAL.sub(lambda m: _SPECIALS[m.group()], text))
    return latex_chars(text)


def latex_chars(text: str) -> str:
    """escape_latex of clean text, character by character (ASCII or not)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in _SPECIALS:
            out.append(_SPECIALS[char])
        elif " " <= char <= "~":
            out.append(char)
        elif char in _ACCENTS and out:
            out[-1] = f"\\{_ACCENTS[char]}{{{out[-1]}}}"
        else:
            out.append(_char(char))
    return _LIGATURES.sub(r"\1{}", "".join(out))


def latex_url(url: str) -> str:
    """The first argument of hyperref's ``\\href``: only ``%`` and ``#`` need a backslash.

    ``url`` comes from pubgen.urls, so it holds no brace, backslash, space or non-ASCII.
    """
    return url.replace("%", "\\%").replace("#", "\\#")
