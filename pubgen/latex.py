"""Decode the LaTeX found in BibTeX text fields (titles, venues, name parts) into plain Unicode.

Only the LaTeX that real exports (Zotero, Better BibTeX, hand-written files) put in text fields
is understood. A command it does not know is kept exactly as written, braces included
(`\\foo{bar}` stays `\\foo{bar}`), and reported in ``Decoded.unknown``, so a caller can warn
instead of silently printing a guess. Math is flattened to readable Unicode (`$O(n^2)$` ->
`O(n²)`), not rendered.

The parser is iterative with an explicit stack, so brace nesting of any depth cannot raise
RecursionError; it never raises on any ``str``, and hostile input (200,000 nested braces,
unclosed `$` or `\\url{`) decodes in well under a second.
"""

# ruff: noqa: RUF001  (look-alike characters are this module's whole point)
from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple


class Decoded(NamedTuple):
    """A decoded field: its Unicode text and the LaTeX commands that were not understood."""

    text: str  # whitespace collapsed to single spaces, stripped
    unknown: tuple[str, ...]  # e.g. ("\\foo",), in order of appearance, deduplicated


def _table(spec: str) -> dict[str, str]:
    """Build a name -> text table from ``"name text name text ..."`` (keeps the tables short)."""
    words = spec.split()
    return dict(zip(words[::2], words[1::2], strict=True))


def _same(value: str, names: str) -> dict[str, str]:
    """Map every whitespace-separated name in ``names`` to ``value``."""
    return dict.fromkeys(names.split(), value)


# Text-mode and math-mode symbols share one table: BibTeX writers mix them up (`\ldots` in math,
# `\alpha` outside it) and the meaning is never ambiguous. \epsilon and \phi give the ordinary
# letters ε and φ (as do \varepsilon and \varphi), not the lunate/loopy ϵ and ϕ TeX draws: titles
# from Crossref or arXiv spell them ε and φ, and pubgen compares and searches titles.
_SYMBOLS = _table(
    r"""ss ß SS SS o ø O Ø aa å AA Å ae æ AE Æ oe œ OE Œ l ł L Ł i ı j ȷ dh ð DH Ð th þ TH Þ
    dj đ DJ Đ ng ŋ NG Ŋ ij ĳ IJ Ĳ & & % % $ $ # # _ _ { { } } | ‖ textbackslash \ backslash \
    textendash – textemdash — textquoteright ’ textquoteleft ‘ textquotedblleft “
    textquotedblright ” quotedblbase „ quotesinglbase ‚ textquotedbl " textquotesingle '
    textasciigrave ` textbraceleft { textbraceright } lbrace { rbrace } textasciitilde ~
    texttildelow ~ textasciicircum ^ textasciiacute ´ textasciicaron ˇ textasciidieresis ¨
    textasciibreve ˘ textasciimacron ¯ textless < textgreater > textunderscore _ textbar |
    textbardbl ‖ textbrokenbar ¦ textregistered ® texttrademark ™ copyright © textcopyright ©
    textdegree ° textcelsius ℃ textohm Ω textmu µ S § textsection § P ¶ textparagraph ¶ dag †
    textdagger † ddag ‡ textdaggerdbl ‡ textbullet • textopenbullet ◦ textperiodcentered ·
    ldots … dots … textellipsis … guillemotleft « guillemotright » guilsinglleft ‹
    guilsinglright › slash / textslash / textexclamdown ¡ textquestiondown ¿ texttimes ×
    textdiv ÷ textpm ± textminus − textlangle ⟨ textrangle ⟩ texteuro € euro € textsterling £
    pounds £ textyen ¥ textcent ¢ textdollar $ textonehalf ½ textonequarter ¼
    textthreequarters ¾ textperthousand ‰ textnumero № textordfeminine ª textordmasculine º
    textlnot ¬ textvisiblespace ␣ LaTeX LaTeX LaTeXe LaTeX2ε TeX TeX BibTeX BibTeX
    alpha α beta β gamma γ delta δ epsilon ε varepsilon ε zeta ζ eta η theta θ vartheta ϑ
    iota ι kappa κ lambda λ mu μ nu ν xi ξ omicron ο pi π varpi ϖ rho ρ varrho ϱ sigma σ
    varsigma ς tau τ upsilon υ phi φ varphi φ chi χ psi ψ omega ω Gamma Γ Delta Δ Theta Θ
    Lambda Λ Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ Psi Ψ Omega Ω ell ℓ hbar ℏ aleph ℵ Re ℜ Im ℑ
    wp ℘ partial ∂ nabla ∇ infty ∞ emptyset ∅ varnothing ∅ forall ∀ exists ∃ nexists ∄ neg ¬
    lnot ¬ times × cdot · pm ± mp ∓ div ÷ ast ∗ star ⋆ circ ∘ bullet • oplus ⊕ ominus ⊖
    otimes ⊗ odot ⊙ wedge ∧ land ∧ vee ∨ lor ∨ cap ∩ cup ∪ setminus ∖ leq ≤ le ≤ geq ≥ ge ≥
    leqslant ⩽ geqslant ⩾ neq ≠ ne ≠ approx ≈ sim ∼ simeq ≃ cong ≅ equiv ≡ propto ∝ ll ≪
    gg ≫ lesssim ≲ gtrsim ≳ prec ≺ succ ≻ perp ⊥ parallel ∥ mid ∣ in ∈ notin ∉ ni ∋ subset ⊂
    subseteq ⊆ supset ⊃ supseteq ⊇ subsetneq ⊊ to → rightarrow → leftarrow ← gets ←
    leftrightarrow ↔ Rightarrow ⇒ Leftarrow ⇐ Leftrightarrow ⇔ implies ⟹ iff ⟺
    longrightarrow ⟶ longleftarrow ⟵ mapsto ↦ uparrow ↑ downarrow ↓ sum ∑ prod ∏ coprod ∐
    int ∫ iint ∬ oint ∮ bigcup ⋃ bigcap ⋂ bigoplus ⨁ bigotimes ⨂ langle ⟨ rangle ⟩ lceil ⌈
    rceil ⌉ lfloor ⌊ rfloor ⌋ vert | lvert | rvert | Vert ‖ cdots ⋯ vdots ⋮ ddots ⋱ prime ′
    top ⊤ bot ⊥ dagger † ddagger ‡ angle ∠ triangle △ colon : log log ln ln exp exp sin sin
    cos cos tan tan max max min min sup sup inf inf lim lim det det arg arg dim dim ker ker
    Pr Pr gcd gcd argmax argmax argmin argmin imath ı jmath ȷ"""
)
# Spacing and invisible commands (not expressible in the table above). The thin space and the
# no-break space are kept as such: they are the author's explicit choice, not layout whitespace.
_SYMBOLS |= {",": "\u2009", "thinspace": "\u2009", "nobreakspace": "\xa0"}
_SYMBOLS |= dict.fromkeys(" \t\r\n\\;:>", " ")
_SYMBOLS |= _same(" ", "quad qquad enspace space hfill par newline linebreak")
# Declarations change fonts, spacing or hyphenation only; their text effect is nothing at all.
_SYMBOLS |= dict.fromkeys("!/-@", "") | _same(
    "",
    """relax bf it em sc rm tt sf sl normalfont upshape itshape bfseries scshape mdseries
    slshape rmfamily sffamily ttfamily protect xspace null displaystyle textstyle scriptstyle
    left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr nolimits limits strut
    mathstrut allowbreak nobreak unskip ignorespaces noindent nocorr small footnotesize
    scriptsize tiny normalsize large Large LARGE huge Huge""",
)

# Accent commands -> combining mark; _SPACING is the visible accent used when the argument is
# empty (`\~{}` is the usual way to write a literal tilde in a URL-ish title).
_ACCENTS = _table(
    """' \u0301 ` \u0300 ^ \u0302 " \u0308 ~ \u0303 = \u0304 . \u0307 u \u0306 v \u030c H \u030b
    c \u0327 k \u0328 r \u030a d \u0323 b \u0331 t \u0361 hat \u0302 bar \u0304 tilde \u0303
    dot \u0307 ddot \u0308 vec \u20d7 acute \u0301 grave \u0300 check \u030c breve \u0306
    widehat \u0302 widetilde \u0303"""
)
_SPACING = _table("""' ´ ` ` ^ ^ " ¨ ~ ~ = ¯ . ˙ u ˘ v ˇ H ˝ c ¸ k ˛ r ˚""")
_DOTLESS = {"ı": "i", "ȷ": "j"}  # `\'\i` means an accented i, not an accented dotless i

# Commands taking arguments -> what to do with them ("" = drop the argument: it is only a sort
# key or spacing). "math^"/"math_" are the internal names of math super/subscripts; they cannot
# clash with a real command, whose name is letters only.
_ARG_KIND = (
    _same(
        "keep",
        """textbf textit emph texttt textrm textsf textsc textsl textup textnormal textmd mbox
        hbox text NoCaseChange mkbibemph mkbibbold mkbibitalic underline uline mathcal mathrm
        mathbf mathit mathsf mathtt mathfrak mathscr mathnormal boldsymbol bm operatorname
        ensuremath overline href""",
    )
    | _same("", "noopsort sortnoop SortNoop vphantom hphantom phantom hspace vspace label index")
    | _same("verbatim", "url path nolinkurl")
    | _same("frac", "frac dfrac tfrac")
    | _same("second", "textcolor foreignlanguage")
    | _same("quote", "enquote mkbibquote")
    | _table("sqrt sqrt mathbb bb textsuperscript sup textsubscript sub math^ sup math_ sub")
)
_BLACKBOARD = _table("R ℝ N ℕ Z ℤ Q ℚ C ℂ P ℙ H ℍ")

# Unicode has super/subscript forms for these only; `^\circ` is how LaTeX spells a degree sign.
_SUP = dict(
    zip(
        "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ∘′",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡ°′",
        strict=True,
    )
)
_SUB = dict(
    zip(
        "0123456789+-−=()aehijklmnoprstuvxβγρφχ",
        "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
        strict=True,
    )
)

_NEEDS_WORK = re.compile(r"[\\{}$~]|--|``|''")  # without these, only whitespace can change
# Without these, braces are all there is: the parser drops every one (a group writes into
# its parent, a stray brace is dropped) and no other character means anything.
_NEEDS_PARSER = re.compile(r"[\\$~]|--|``|''")
_SPECIAL = re.compile(r"[\\{}$~\-`'^_]")  # characters the tokenizer must look at
_WORD = re.compile(r"[A-Za-z]+")
_WS = re.compile(r"\s+")  # the same characters str.split() splits on
_SPACES = re.compile(" {2,}")
_GROUP, _KEEP, _ARG, _MATH = range(4)  # frame kinds; _KEEP = braces of an unknown command


def decode(text: str) -> Decoded:
    """Decode the LaTeX in one BibTeX text field (not a URL, DOI or file path); never raises."""
    # Venues and name parts repeat across a big bibliography; titles rarely do.
    return _decode_short(text) if len(text) <= _SHORT else _decode(text)


_SHORT = 100  # longest text worth remembering: name parts and most venue names


@functools.lru_cache(maxsize=1 << 14)
def _decode_short(text: str) -> Decoded:
    return _decode(text)


def _decode(text: str) -> Decoded:
    if _NEEDS_WORK.search(text) is None:  # most fields: no parsing at all
        return Decoded(" ".join(text.split()), ())
    if _NEEDS_PARSER.search(text) is None:  # only braces, as in Zotero's {{Protected}} words
        return Decoded(" ".join(text.replace("{", "").replace("}", "").split()), ())
    return _parse(text)


def _parse(text: str) -> Decoded:
    parser = _Parser(text)
    body = parser.run()
    return Decoded(_SPACES.sub(" ", body).strip(" "), tuple(parser.unknown))


class _Frame:
    """One open construct: a brace group, a command waiting for an argument, or math."""

    __slots__ = ("args", "cmd", "kind", "math", "own", "parts")

    def __init__(self, kind: int, math: bool, cmd: str = "", args: tuple[str, ...] = ()) -> None:
        self.kind, self.math, self.cmd, self.args = kind, math, cmd, args
        self.parts: list[str] = []  # for _MATH, cmd is the closing delimiter
        self.own = True  # False: parts is the parent's list (see _Parser.open)


class _Parser:
    def __init__(self, src: str) -> None:
        self.src, self.pos = src, 0
        self.stack = [_Frame(_GROUP, False)]
        self.unknown: dict[str, None] = {}  # an ordered set
        self.pairs: dict[int, int] | None = None  # matching braces, built only for \url/\href
        self.maths: list[int] = []  # stack indices of the open _MATH frames, innermost last

    def run(self) -> str:
        src, n = self.src, len(self.src)
        while self.pos < n:
            pos, top = self.pos, self.stack[-1]
            m = _SPECIAL.search(src, pos)
            end = m.start() if m else n
            if end > pos:  # plain text; an argument without braces is a single character
                self.pos = pos + 1 if top.kind == _ARG else end
                self.emit(_WS.sub(" ", src[pos : self.pos]))
                continue
            c = src[pos]
            self.pos = pos + 1
            if c == "\\":
                self.command(pos)
            elif c == "{":
                self.open(_GROUP, top.math)
            elif c == "}":
                self.close_brace(pos)
            elif c == "$":
                self.dollar(pos)
            elif c == "~":
                self.emit("\xa0")
            elif top.math:  # ^ _ ' - ` in math
                if c in "^_":
                    self.push_arg("math" + c)
                else:
                    self.emit("′" if c == "'" else c)
            elif c == "-" and src.startswith("--", pos):
                triple = src.startswith("---", pos)
                self.pos = pos + (3 if triple else 2)
                self.emit("—" if triple else "–")
            elif c in "`'" and src.startswith(c + c, pos):
                self.pos = pos + 2
                self.emit("“" if c == "`" else "”")
            else:
                self.emit(c)
        while len(self.stack) > 1:  # unclosed braces, arguments or \( at the end of the field
            self.close_top()
        return "".join(self.stack[0].parts)

    def emit(self, s: str) -> None:
        """Append text; if it completes a pending argument, finish that command (repeatedly)."""
        while True:
            top = self.stack[-1]
            if top.kind != _ARG:
                top.parts.append(s)
                return
            self.stack.pop()
            done = self.arg_done(top, s)
            if done is None:
                return
            s = done

    def open(self, kind: int, math: bool, cmd: str = "") -> None:
        """Open a group or math. Unless its text is an argument, it writes straight into its
        parent's list, so closing it copies nothing and deep nesting stays linear."""
        top, frame = self.stack[-1], _Frame(kind, math, cmd)
        if kind == _MATH:
            self.maths.append(len(self.stack))
        if top.kind != _ARG:
            frame.parts, frame.own = top.parts, False
            if kind == _KEEP:
                frame.parts.append("{")
        self.stack.append(frame)

    def close_top(self, closed: bool = False) -> None:
        """Close the innermost frame; ``closed`` is False when its end is missing."""
        top = self.stack.pop()
        if top.kind == _ARG:
            done = self.arg_done(top, "")
            if done is not None:
                self.emit(done)
            return
        if top.kind == _MATH:
            self.maths.pop()
        brace = "}" if closed and top.kind == _KEEP else ""
        if not top.own:
            if brace:
                top.parts.append(brace)
        elif top.kind == _KEEP:
            self.emit("{" + "".join(top.parts) + brace)
        else:
            self.emit("".join(top.parts))

    def push_arg(self, cmd: str, args: tuple[str, ...] = ()) -> None:
        """Wait for the next argument of ``cmd``; like TeX, skip spaces before it."""
        src, j = self.src, self.pos
        while j < len(src) and src[j] in " \t\r\n":
            j += 1
        self.pos = j
        top = self.stack[-1]
        math = cmd == "ensuremath" or (top.math and not cmd.startswith(("text", "mbox", "hbox")))
        if _ARG_KIND.get(cmd) == "keep" and src.startswith("{", j) and top.kind != _ARG:
            self.pos = j + 1  # `\textbf{x}` is just a group: no argument value to build
            self.open(_GROUP, math)
        else:
            self.stack.append(_Frame(_ARG, math, cmd, args))

    def arg_done(self, frame: _Frame, arg: str) -> str | None:
        args = (*frame.args, arg)
        if _ARG_KIND.get(frame.cmd) in ("frac", "second") and len(args) < 2:
            self.push_arg(frame.cmd, args)
            return None
        return _apply(frame.cmd, args)

    def close_brace(self, pos: int) -> None:
        top = self.stack[-1]
        if top.kind == _ARG:  # `\'}`: the argument is missing; the brace closes the outer group
            self.pos = pos
            self.close_top()
        elif top.kind in (_GROUP, _KEEP) and len(self.stack) > 1:  # else a stray brace: drop it
            self.close_top(closed=True)
            if top.kind == _KEEP and self.src.startswith("{", self.pos):  # `\foo{a}{b}`
                self.pos += 1
                self.open(_KEEP, top.math)

    def close_math(self, closer: str, after: int) -> bool:
        """End the innermost math if ``closer`` ends it, closing anything left open inside."""
        if not self.maths or self.stack[self.maths[-1]].cmd != closer:
            return False
        idx = self.maths[-1]
        while len(self.stack) > idx + 1:
            self.close_top()
        self.pos = after  # only now, so the early closes above cannot skip spaces after it
        self.close_top(closed=True)
        return True

    def dollar(self, pos: int) -> None:
        src = self.src
        if self.stack[-1].math:
            closer = "$$" if src.startswith("$$", pos) else "$"
            if not self.close_math(closer, pos + len(closer)) and not self.close_math("$", pos + 1):
                self.emit("$")
            return
        # Only start math if it ends: an unclosed `$` is text and must not swallow the field.
        closer = "$$" if src.startswith("$$", pos) and _find(src, pos + 2, "$$") >= 0 else "$"
        if _find(src, pos + len(closer), closer) < 0:
            self.emit("$")
            return
        self.pos = pos + len(closer)
        self.open(_MATH, True, closer)

    def command(self, pos: int) -> None:
        src, n = self.src, len(self.src)
        if pos + 1 >= n:  # a lone backslash at the very end stays as it is
            self.emit("\\")
            return
        m = _WORD.match(src, pos + 1)
        name = m[0] if m else src[pos + 1]
        end = self.pos = pos + 1 + len(name)
        # TeX skips the spaces after a control word (so `\o ystein` is `øystein`). In math it
        # ignores all spaces anyway, so there the author's spacing is kept: `a \leq b` -> `a ≤ b`.
        if m and not self.stack[-1].math:
            while self.pos < n and src[self.pos] in " \t\r\n":
                self.pos += 1
        if name in _ACCENTS:
            self.push_arg(name)
        elif name in _ARG_KIND:
            if _ARG_KIND[name] == "verbatim" or name == "href":
                close = self.raw_group(self.pos)
                if close >= 0:  # URL text is not LaTeX: `~`, `_`, `%` are literal there
                    url = src[self.pos + 1 : close - 1]
                    self.pos = close
                    if name != "href":
                        self.emit(_WS.sub(" ", url))
                        return
            self.push_arg(name)
        elif name in _SYMBOLS:
            if _SYMBOLS[name]:  # a declaration must not use up a pending argument (`\'\relax e`)
                self.emit(_SYMBOLS[name])
        elif name in "([":
            self.open(_MATH, True, ")" if name == "(" else "]")
        elif name in ")]":
            self.close_math(name, self.pos)  # a stray `\)` is markup, so it may vanish
        else:  # unknown: keep it visible (and its braces), never glue it onto a following word
            self.unknown["\\" + name] = None
            self.pos = end  # spaces after it stay, so `\foo bar` is not `\foobar`
            k = end
            while k < n and src[k] == "}":
                k += 1
            glued = m is not None and end < k < n and src[k].isalpha()
            self.emit("\\" + name + ("{}" if glued else ""))
            if src.startswith("{", end):
                self.pos = end + 1
                self.open(_KEEP, self.stack[-1].math)

    def raw_group(self, pos: int) -> int:
        """Index just past the `}` matching a `{` at ``pos``, or -1."""
        if not self.src.startswith("{", pos):
            return -1
        if self.pairs is None:  # one linear pass, so many \url{ cannot go quadratic
            self.pairs = {}
            opened: list[int] = []
            for m in re.finditer(r"\\.|[{}]", self.src, flags=re.S):
                if m[0] == "{":
                    opened.append(m.start())
                elif m[0] == "}" and opened:
                    self.pairs[opened.pop()] = m.end()
        return self.pairs.get(pos, -1)


def _find(src: str, start: int, needle: str) -> int:
    """Index of the first ``needle`` at or after ``start`` not escaped by a backslash, or -1."""
    j = src.find(needle, start)
    while j >= 0:
        k = j
        while k > start and src[k - 1] == "\\":
            k -= 1
        if (j - k) % 2 == 0:
            return j
        j = src.find(needle, j + 1)
    return -1


def _apply(cmd: str, args: tuple[str, ...]) -> str:
    """The text of command ``cmd`` given its (already decoded) arguments."""
    arg = args[0]
    if cmd in _ACCENTS:
        if not arg:
            return _SPACING.get(cmd, "")
        # The new mark goes after the marks the first letter already has (`\'{\"u}` is ǘ). Only
        # that short sequence is normalised, so stacked accents cannot go quadratic.
        j = 1
        while j < len(arg) and j < 32 and unicodedata.combining(arg[j]):
            j += 1
        base = _DOTLESS.get(arg[0], arg[0]) + arg[1:j] + _ACCENTS[cmd]
        return unicodedata.normalize("NFC", base) + arg[j:]
    kind = _ARG_KIND[cmd]
    if kind in ("keep", "verbatim"):
        return arg
    # Unicode super/subscripts only if every character has one: half-raised text reads worse.
    if kind in ("sup", "sub"):
        table = _SUP if kind == "sup" else _SUB
        tight = arg.replace(" ", "")
        if 0 < len(tight) <= 32 and all(ch in table for ch in tight):  # real ones are short
            return "".join(table[ch] for ch in tight)
        if not cmd.startswith("math"):  # \textsuperscript{ème}: plain text reads fine
            return arg
        mark = "^" if kind == "sup" else "_"
        return mark + (tight if len(tight) <= 1 else f"({arg})")
    if kind == "frac":
        return f"{_wrap(arg)}/{_wrap(args[1])}"
    if kind == "second":
        return args[1]
    if kind == "sqrt":
        return "√" + _wrap(arg)
    if kind == "bb":
        return _BLACKBOARD.get(arg, arg)
    if kind == "quote":
        return f"“{arg}”"
    return ""  # arguments that are only sort keys or spacing (\noopsort, \hspace)


def _wrap(s: str) -> str:
    """Parenthesise a multi-character fraction part so `a+b` over `c` reads `(a+b)/c`."""
    return s if len(s) <= 1 or s.lstrip("√").isalnum() else f"({s})"
