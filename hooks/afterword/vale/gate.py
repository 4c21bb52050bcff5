"""Leave out the rule tokens that cannot match anywhere in a text: one RE2 pass.

The literal scan (literals.py) keeps every token whose required text occurs in a block, so
`\\d+ servers` still runs wherever "servers" appears, backtracking through the whole text. Here
each token's regex is *relaxed* into one RE2 can run: lookarounds, anchors and word boundaries
removed, a backreference read as "anything", a negated class made case-sensitive, `\\d`, `\\w` and
`\\s` read as every character Python's engines put in them. Every relaxation only widens what a
regex matches, so a relaxed token matches wherever the token does. All relaxed tokens of a
linter go into one RE2 set, and one linear pass over a block's text tells which can match in it
at all; the others are left out, which, as with the literal scan, changes no finding
(candidates.py puts the two together).

Three guards keep that true:
- RE2 and Python disagree about some characters (`regex` folds `ß` to "ss", Python folds `ı` with
  `i`; what counts as a word character far from Latin). A token holding a character that folds
  to several is not relaxed, and the pass runs only on texts whose every character is checked
  (``CHECKED_RANGES`` minus ``unchecked_characters()``), where tests/test_vale_gate.py shows each
  relaxed construct matching at least what Python's `re` and `regex` match; any other text is
  left to the literal scan.
- A token's regex is read by `re`'s parser: never a character RE2 folds otherwise (ı, which `re`
  folds with i and I; one Python's Unicode does not know, which `regex` may fold with a checked
  one, as U+A7DC with ƛ), and, in a rule run with `regex`, nothing `regex` reads otherwise (a
  literal brace: fuzzy matching; `[` in a set: a nested set). literals.Alternation gates a token
  only when it is a whole regex of its own and the rule holds it outside any repeat
  (tests/test_vale_gate_attacks.py has the payloads that showed why).
- RE2 answers "no match" when its DFA runs out of memory. A pattern that matches every text is in
  the set too; when it is not reported, the pass is ignored and the literal scan decides.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from re import _constants as sre

import re2
import regex

from .literals import parse_quietly, regex_reads_alike

# Unicode ranges whose characters tests/test_vale_gate.py checks one by one (Latin, punctuation,
# currency, arrows, mathematical symbols, dingbats, emoji), minus those RE2 case-folds differently.
CHECKED_RANGES = (
    (0x0000, 0x024F), (0x2000, 0x206F), (0x20A0, 0x20C0), (0x2100, 0x214F), (0x2190, 0x23FF),
    (0x2500, 0x27BF), (0x1F300, 0x1FAFF),
)
# İ, ß, ŉ, ǰ (among the checked) case-fold to more than one character: `regex` V1 matches
# "(?i)strasse" in "Straße", RE2 cannot. And ı, which Python folds with i and I, RE2 does not.
_FOLDED_APART = "\u0131"


def _folds_to_many(low: int, high: int) -> bool:
    """Whether a code point from ``low`` to ``high`` case-folds to several characters (checked a
    chunk at a time: folding never shortens a string, so a chunk that keeps its length has none)."""
    for start in range(low, high + 1, 4096):
        chunk = "".join(map(chr, range(start, min(start + 4096, high + 1))))
        if len(chunk.casefold()) != len(chunk):
            return True
    return False


def _unassigned_within(low: int, high: int) -> bool:
    """Whether a code point from ``low`` to ``high`` is unassigned in Python's Unicode (`regex`
    may know it, and fold it with a checked character, as U+A7DC with ƛ)."""
    return any(unicodedata.category(chr(code)) == "Cn" for code in range(max(low, 0x80), high + 1))


@lru_cache(maxsize=1)
def unchecked_characters() -> str:
    """Characters in ``CHECKED_RANGES`` that the gate still never reads."""
    return _FOLDED_APART + "".join(chr(c) for start, end in CHECKED_RANGES for c in range(start, end + 1)
                                   if len(chr(c).casefold()) > 1)


_MAX_MEM = 64 << 20
_ANYTHING = "(?s:.*)"


def _ranges_class(ranges, negate: bool) -> str:
    inner = "".join(f"\\U{start:08x}-\\U{end:08x}" for start, end in ranges)
    return f"[{'^' if negate else ''}{inner}]"


@lru_cache(maxsize=1)
def _unchecked():
    return re.compile("|".join([_ranges_class(CHECKED_RANGES, True), *map(re.escape, unchecked_characters())]))


def is_checked(text: str) -> bool:
    """Whether every character of ``text`` is one RE2 is known to read as Python does."""
    return text.isascii() or _unchecked().search(text) is None


class Unsupported(Exception):
    """A construct with no safe relaxation: the token is not gated."""


# Inside `[^...]` a member must hold *less* than Python's, so that the negation holds more.
_NEGATED = {sre.CATEGORY_DIGIT: "0-9", sre.CATEGORY_WORD: "0-9A-Za-z_", sre.CATEGORY_SPACE: r"\t\n\f\r\x{20}"}
_FLAGS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"))


@lru_cache(maxsize=1)
def _positive() -> dict:
    """`\\d`, `\\w` and `\\s` as RE2 classes holding every checked character that `re` or `regex`
    (either version) puts in them: exact where the gate runs, and far quicker for RE2 to compile
    than `\\p{L}` and the like. RE2's own `\\D`, `\\W`, `\\S` are ASCII-based: each holds more
    than Python's Unicode one."""
    checked = "".join(chr(c) for start, end in CHECKED_RANGES for c in range(start, end + 1) if not 0xD800 <= c <= 0xDFFF)
    table = {sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_NOT_SPACE: r"\S"}
    for category, source in ((sre.CATEGORY_DIGIT, r"\d"), (sre.CATEGORY_WORD, r"\w"), (sre.CATEGORY_SPACE, r"\s")):
        members: set[str] = set()
        for engine in (re.compile(source), regex.compile(source, regex.V0), regex.compile(source, regex.V1)):
            members.update(engine.findall(checked))
        table[category] = _code_ranges(sorted(map(ord, members)))
    return table


def _code_ranges(codes: list[int]) -> str:
    out, start = [], None
    for i, code in enumerate(codes):
        if start is None:
            start = code
        if i + 1 == len(codes) or codes[i + 1] != code + 1:
            out.append(f"\\x{{{start:x}}}" if start == code else f"\\x{{{start:x}}}-\\x{{{code:x}}}")
            start = None
    return "".join(out)


def relaxed(source: str, regex_engine: bool = False) -> str | None:
    """An RE2 regex matching wherever Python's ``source`` matches (and maybe elsewhere); None
    when ``source`` has a construct this cannot relax. With ``regex_engine`` the source runs with
    `regex`, which reads some of it otherwise (`x{e<=1}`: fuzzy matching): that is not relaxed."""
    parsed = parse_quietly(source)
    if parsed is None or regex_engine and not regex_reads_alike(list(parsed)):
        return None
    try:
        body = _emit(list(parsed))
    except (Unsupported, RecursionError, OverflowError, ValueError):
        return None
    flags = "".join(letter for flag, letter in _FLAGS if parsed.state.flags & flag)
    return (f"(?{flags})" if flags else "") + body


def _char(code: int) -> str:
    if _folds_to_many(code, code):
        raise Unsupported("a character case-folded to several: `regex` may match it in ASCII text")
    if chr(code) in _FOLDED_APART or unicodedata.category(chr(code)) == "Cn":
        # `re` folds ı with i and I; `regex` knows a newer Unicode (U+A7DC is the capital of ƛ)
        raise Unsupported("a character RE2 does not fold as Python's engines do")
    return chr(code) if chr(code).isascii() and chr(code).isalnum() else f"\\x{{{code:x}}}"


def _emit(items) -> str:
    return "".join(_emit_one(op, av) for op, av in items)


def _emit_one(op, av) -> str:
    if op is sre.LITERAL:
        return _char(av)
    if op is sre.NOT_LITERAL:
        return f"(?-i:[^{_char(av)}])"
    if op is sre.ANY:
        return "(?s:.)"
    if op is sre.IN:
        return _class(av)
    if op is sre.BRANCH:
        return "(?:" + "|".join(_emit(list(branch)) for branch in av[1]) + ")"
    if op is sre.SUBPATTERN:
        _, add, remove, body = av
        on = "".join(letter for flag, letter in _FLAGS if add & flag)
        off = "".join(letter for flag, letter in _FLAGS if remove & flag)
        flags = on + ("-" + off if off else "")
        return f"(?{flags}:{_emit(list(body))})"
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) or op is getattr(sre, "POSSESSIVE_REPEAT", None):
        least, most, body = av
        least = min(least, 1000)
        bound = "" if most is sre.MAXREPEAT or most > 1000 else str(most)
        return f"(?:{_emit(list(body))}){{{least},{bound}}}"
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return f"(?:{_emit(list(av))})"
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return ""  # anchors, boundaries, lookarounds: zero-width conditions, dropped
    if op is sre.GROUPREF:
        return _ANYTHING
    if op is sre.GROUPREF_EXISTS:
        _, yes, no = av
        return "(?:" + _emit(list(yes)) + "|" + (_emit(list(no)) if no else "") + ")"
    raise Unsupported(str(op))


def _class(items) -> str:
    negate = bool(items) and items[0][0] is sre.NEGATE
    members = []
    for kind, value in items[1:] if negate else items:
        if kind is sre.LITERAL:
            members.append(_char(value))
        elif kind is sre.RANGE:
            if _folds_to_many(*value):  # [À-ÿ] holds ß
                raise Unsupported("a range holding a character case-folded to several")
            if not negate and _unassigned_within(*value):  # `regex` folds U+A7DC with ƛ
                raise Unsupported("a range holding a character Python's Unicode does not know")
            members.append(f"{_char(value[0])}-{_char(value[1])}")
        elif kind is sre.CATEGORY:
            table = _NEGATED if negate else _positive()
            if value not in table:
                raise Unsupported(str(value))
            members.append(table[value])
        else:
            raise Unsupported(str(kind))
    if negate:
        # Case-sensitive, a negated class excludes no more than Python's (case-folded) one.
        return f"(?-i:[^{''.join(members)}])" if members else "(?s:.)"
    return f"[{''.join(members)}]" if members else "[^\\x{0}-\\x{10ffff}]"


def _options():
    options = re2.Options()
    options.max_mem, options.log_errors = _MAX_MEM, False
    return options


class RegexGate:
    """The relaxed tokens of every rule of a linter in one RE2 set; which of them a text can match."""

    def __init__(self) -> None:
        self._tokens: list[tuple[int, int, str | None, bool]] = []  # (owner, token index, source, runs with `regex`)
        self._owners: list[tuple[int, int]] = []  # set index -> (owner, token index)
        self.ungated: dict[int, set[int]] = {}  # owner -> its token indices that are not in the set
        self._set = None
        self._compiled = False

    def register(self, owner: int, index: int, source: str | None, regex_engine: bool = False) -> None:
        """Gate token ``index`` of ``owner`` by the Python regex ``source`` (if it can be relaxed;
        None: never left out) that runs with `regex` when ``regex_engine``."""
        self._tokens.append((owner, index, source, regex_engine))
        self._compiled = False

    def prepare(self) -> None:
        """Relax every token and compile the set (about 30 ms for the house style)."""
        if self._compiled:
            return
        self._compiled, self._set, self._owners, self.ungated = True, None, [], {}
        matcher = re2.Set.SearchSet(_options())
        matcher.Add(_ANYTHING)
        for owner, index, source, regex_engine in self._tokens:
            loose = None if source is None else relaxed(source, regex_engine)
            if loose is not None:
                try:
                    matcher.Add(loose)
                    self._owners.append((owner, index))
                    continue
                except re2.error:  # beyond RE2's limits (a repeat of a repeat over 1,000)
                    pass
            self.ungated.setdefault(owner, set()).add(index)
        try:
            matcher.Compile()
            self._set = matcher
        except re2.error:  # too big for RE2's memory budget: nothing is gated
            self._set = None

    def present(self, text: str) -> dict[int, set[int]] | None:
        """owner -> indices of its gated tokens that can match in ``text``; None when the gate has
        no answer (``text`` has an unchecked character, the set could not be built, RE2 gave up)."""
        self.prepare()
        if self._set is None or not is_checked(text):
            return None
        found = self._set.Match(text) or ()
        if 0 not in found:
            return None  # RE2 gave up (out of memory): no answer, so nothing is left out
        present: dict[int, set[int]] = {}
        owners = self._owners
        for number in found:
            if number:
                owner, index = owners[number - 1]
                present.setdefault(owner, set()).add(index)
        return present
