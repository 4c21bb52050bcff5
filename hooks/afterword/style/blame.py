"""Blame in customer-facing prose: people (``Afterword.Blame``) and suppliers (``Afterword.VendorBlame``).

A regex per phrase misses how real postmortems blame: "a developer … accidentally committed",
"the engineer should have caught it", "esm.sh deployed breaking changes that caused…". Both checks
read one sentence at a time:

- people: an agent (a role such as engineer or contractor, "a <Company> engineer", someone, a named
  person) and a fault word (accidentally, forgot, misjudged, lazy, should have, oversight…) in the
  same sentence, in either order; a few phrases blame on their own ("human error", "careless"). A
  sentence that rejects blame ("this was not anyone's fault", "incorrect to focus on the
  individual") is left alone; "we forgot" owns the failure and is fine.
- suppliers: a named third party (a configured supplier, a well-known vendor, a capitalised name
  or a domain such as esm.sh) as the subject of caused/broke/deployed/was down…, or the object of
  "due to / because of / caused by". Configured suppliers are errors, other parties warnings. A
  sentence that owns the failure ("a bug in our app exposed by a GitHub outage") is fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from ..memo import ASCII_DIGIT, BoundedMemo, digits_as_zero
from ..names import lexicon
from ..vale.literals import LiteralScanner, required_literals
from ..problems import ERROR, WARNING
from . import blame_words as words

PEOPLE_RULE = "Afterword.Blame"
SUPPLIER_RULE = "Afterword.VendorBlame"
PEOPLE_MESSAGE = (
    "Blameless: '{match}' points at a person; describe what our process or system allowed, "
    "e.g. 'a configuration change was applied without an automated check'."
)
SUPPLIER_MESSAGE = (
    "Blameless: '{match}' blames {party}; own the failure: say what failed for customers and what we "
    "are changing, e.g. 'card payments failed for 40 minutes; we are adding a second payment route'."
)

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|;\s+")
# A digit inside a word: a vendor's name (level3, route53, auth0, ns1) may be read there. Written
# digit first, so the search skips from digit to digit.
_DIGIT_IN_WORD = re.compile(r"[0-9](?:(?<=[^\W0-9][0-9])|(?=[^\W0-9]))")


@dataclass(frozen=True)
class BlameHit:
    start: int
    end: int
    text: str
    rule: str
    severity: str
    message: str


def sentences(text: str) -> Iterable[tuple[int, str]]:
    """(offset, sentence) pairs; abbreviations such as "e.g." rarely matter for these checks."""
    start = 0
    for found in _SENTENCE_SPLIT.finditer(text):
        if found.start() > start:
            yield start, text[start:found.start()]
        start = found.end()
    if start < len(text):
        yield start, text[start:]


def _negated(sentence: str, position: int) -> bool:
    """ "not accidentally creating…": a fault word right after "not" describes what to avoid."""
    return sentence[:position].rstrip().lower().endswith(("not", "never", "avoid", "without"))


class BlameChecker:
    def __init__(self, company: str, own_names: Iterable[str], suppliers: Iterable[str]):
        self.suppliers = [s for s in suppliers if s.strip()]
        own = sorted({n for n in own_names if n and n.strip()}, key=len, reverse=True)
        self._own = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in own) + r")(?![\w-])", re.I) if own else None
        self._agent = words.agent_pattern(company)
        self._configured = (
            re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(s) for s in sorted(self.suppliers, key=len, reverse=True)) + r")(?![\w-])", re.I)
            if self.suppliers else None
        )
        # Updates repeat blocks and sentences ("We are investigating…"), often with other times in
        # them: each one's findings are worked out once per key (``_key``).
        self._digit_blind = not any(ASCII_DIGIT.search(name) for name in [company, *own, *self.suppliers])
        self._block_memo: BoundedMemo[tuple[tuple[tuple[int, int], ...], tuple[BlameHit, ...]]] = BoundedMemo()
        self._people_memo: BoundedMemo[tuple[int, int] | None] = BoundedMemo()
        self._supplier_memo: BoundedMemo[tuple[BlameHit, ...]] = BoundedMemo()
        self._supplier_found: BoundedMemo[bool] = BoundedMemo()  # by the sentence's key

    def _key(self, text: str) -> str:
        """``text``'s memo key: its ``digits_as_zero`` when the checks read its digits only as digits,
        else ``text``. They do but for names with a digit in them: a company or a supplier named so,
        or a vendor such as level3 (a digit inside a word)."""
        return digits_as_zero(text) if self._digit_blind and not _DIGIT_IN_WORD.search(text) else text

    def blamed(self, text: str, person_spans: list[tuple[int, int]] = ()) -> list[BlameHit]:
        """Blame of people (``person_spans``: the names found in ``text``), then of suppliers, in one
        block of prose. Where a person is blamed depends on the key alone; a supplier's finding
        quotes the block's own words, digits included, so it is read from the block itself."""
        spans, key = tuple(person_spans), self._key(text)
        people, suppliers = self._block_memo.get((key, spans), lambda: self._read(text, key, spans))
        if suppliers and key != text:
            suppliers = self._read(text, key, spans)[1]
        return [self._people_hit(start, end, text) for start, end in people] + list(suppliers)

    def _read(self, text: str, key: str, person_spans: tuple[tuple[int, int], ...]):
        """(people blamed, as offsets; suppliers blamed) in ``text``, sentence by sentence: split once
        for both checks, each sentence worked out once per key (a slice of the block's ``key``)."""
        people, suppliers = [], []
        for offset, sentence in sentences(text):
            end = offset + len(sentence)
            sentence_key = key[offset:end]
            spans = tuple((a - offset, b - offset) for a, b in person_spans if offset <= a < end)
            found = self._people_memo.get((sentence_key, spans), lambda: self._people_in(sentence, spans))
            if found is not None:
                people.append((offset + found[0], offset + found[1]))
            suppliers += [replace(hit, start=offset + hit.start, end=offset + hit.end) for hit in self._supplier_hits(sentence, sentence_key)]
        return tuple(people), tuple(suppliers)

    # -- people -----------------------------------------------------------------------------------

    def _people_in(self, sentence: str, person_spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
        """Where one sentence blames a person (offsets in it), from the sentence and the names found in it alone."""
        possible = _possible_patterns(sentence)
        if possible.isdisjoint(_BLAMING):
            return None  # most sentences: no word of blame, slip or fault in them
        if _search(words.REJECTS_BLAME, sentence, possible):
            return None
        alone = _search(words.BLAME_ALONE, sentence, possible)
        if alone:
            return alone.start(), alone.end()
        slip = _search(words.SLIP, sentence, possible)
        if slip and (words.OWNING_SUBJECT.search(sentence[: slip.start()]) or _negated(sentence, slip.start())):
            slip = None  # "we accidentally…" owns it; "not accidentally…" is what to avoid
        fault = slip
        if not fault and words.FAULT in possible:
            fault = next((f for f in words.FAULT.finditer(sentence) if not _negated(sentence, f.start())), None)
        if not fault:
            return None
        agents = [(m.start(), m.end()) for m in self._agent.finditer(sentence)] + list(person_spans)
        if not agents and not slip:
            return None  # a fault word with nobody acting: "the request was wrongly routed"
        start = min([fault.start(), *(a for a, _ in agents)])
        end = max([fault.end(), *(b for _, b in agents)])
        if end - start > 160:  # far apart: point at the fault word alone
            start, end = fault.start(), fault.end()
        return start, end

    @staticmethod
    def _people_hit(start: int, end: int, text: str) -> BlameHit:
        match = text[start:end]
        return BlameHit(start, end, match, PEOPLE_RULE, ERROR, PEOPLE_MESSAGE.format(match=match))

    # -- suppliers --------------------------------------------------------------------------------

    def _supplier_hits(self, sentence: str, key: str) -> tuple[BlameHit, ...]:
        """The findings of one sentence (``key``: its memo key). A finding quotes the sentence's
        words, digits included, so only "no finding" is shared by the sentences of one key."""
        def exact() -> tuple[BlameHit, ...]:
            return tuple(self._suppliers_in(sentence))

        if key != sentence and not self._supplier_found.get(key, lambda: bool(self._supplier_memo.get(sentence, exact))):
            return ()
        return self._supplier_memo.get(sentence, exact)

    def _suppliers_in(self, sentence: str) -> list[BlameHit]:
        """The findings of one sentence, at offsets in it: they depend on nothing else."""
        hits: list[BlameHit] = []
        possible = _possible_patterns(sentence)
        if _search(words.OWNS_FAILURE, sentence, possible):
            return hits
        for pattern in self._patterns:
            if pattern not in possible:
                continue  # its required words are not in the sentence: it cannot match
            for found in pattern.finditer(sentence):
                party = found.group("party")
                # a package's name is lowercase as often as not: named as the source of harm, it is a party
                name = party if pattern is words.PACKAGE_HARM else self._party_name(party, sentence, found.start("party"))
                if name is None or self._modifier(pattern, sentence, found):
                    continue
                configured = self._configured is not None and self._configured.search(party)
                if pattern is words.PARTY_DOWN and name.lower() not in words.KNOWN_VENDORS:
                    continue
                if pattern is words.FAILURE_IN_PARTY and not configured and not self._clearly_a_supplier(name, found.group(0)):
                    continue  # "issues with Pull Requests": often our own feature
                if pattern is words.PARTY_ACTED and not words.HARM.search(sentence[found.end():]):
                    continue  # "Erigon released the fix"
                if pattern in (words.PROVIDER_IN_CAUSE, words.LOAD_FROM_PARTY) and not words.CAUSE_WORDS.search(sentence):
                    continue
                start, end = found.start(), found.end()
                if any(h.start < end and start < h.end for h in hits):
                    continue  # one finding per stretch of text
                match = sentence[start:end].strip()
                hits.append(BlameHit(
                    start, start + len(match), match, SUPPLIER_RULE, ERROR if configured else WARNING,
                    SUPPLIER_MESSAGE.format(match=match, party=f"'{name}'"),
                ))
        shifted = _search(words.SHIFTS_BLAME, sentence, possible) or _search(words.PROVIDER_FAILED, sentence, possible)
        if shifted and not hits:
            match = shifted.group(0)
            hits.append(BlameHit(shifted.start(), shifted.end(), match, SUPPLIER_RULE, WARNING,
                                 SUPPLIER_MESSAGE.format(match=match, party="a third party")))
        return hits

    _patterns = _PARTY_PATTERNS = (words.PARTY_AS_CAUSE, words.PARTY_ACTED, words.PROVIDER_IN_CAUSE, words.CAUSED_BY_PARTY, words.PARTY_THING_CAUSED, words.PARTY_REFUSED,
                 words.REFUSED_BY_PARTY, words.PARTY_DOWN, words.FAILURE_IN_PARTY, words.PARTY_FAILURE, words.LOAD_FROM_PARTY,
                 words.WAITING_ON_PARTY, words.CHASING_PARTY, words.PARTY_CLAIMS, words.PACKAGE_HARM)

    @staticmethod
    def _modifier(pattern: re.Pattern[str], sentence: str, found: re.Match[str]) -> bool:
        """ "due to Terraform state lock": the party only qualifies the real cause, a common noun."""
        if pattern not in (words.CAUSED_BY_PARTY, words.FAILURE_IN_PARTY):
            return False
        following = re.match(r"\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", sentence[found.end():])
        if not following or following.group(1) in words.LINK_WORDS or following.group(1).endswith("ing"):
            return False  # "due to LuxConnect using a third party": the party acts
        return not ({following.group(1), following.group(2)} & words.FAILURE_NOUNS)  # "Twitter mass exodus" is a cause

    @staticmethod
    def _clearly_a_supplier(name: str, found: str) -> bool:
        """After "in/on/with", only a well-known vendor, a domain or a versioned product is a party."""
        if not re.search(r"\s(?:in|on|with)\s", found):
            return True  # "timeouts from Docker Hub", "an outage at Fastly"
        return (name.lower() in words.KNOWN_VENDORS or bool(words.DOMAIN.fullmatch(name))
                or bool(re.search(r"\sv?\d", name)))

    def _party_name(self, party: str, sentence: str, position: int) -> str | None:
        """The party's name when it is a named third party (not us, not a common word), else None."""
        party = party.strip()
        first_word = party.split()[0].lower() if party.split() else ""
        if first_word in ("our", "we", "my", "us"):
            return None  # "Our Juniper router dropped…": our own equipment
        if first_word in ("the", "a", "an", "this", "that") and " " in party:
            party = party.split(None, 1)[1]
        if self._configured is not None and self._configured.search(party):
            return self._configured.search(party).group(0)
        if self._own is not None and self._own.search(party):
            return None
        head = party.split()[0] if party.split() else ""
        if re.sub(r"['’](?:re|ve|ll|d|s|m)$", "", head.lower()) in words.NOT_PARTIES:
            return None  # "We're failing", "It's down"
        if re.fullmatch(r"(?i)(?:sev|p)\d+|[A-Z]{2,}s|.+-(?:hosted|based|powered|managed|run|owned)", head):
            return None  # a severity, a plural acronym (PRs), or "Immunefi-hosted": not a party
        if words.DOMAIN.fullmatch(party):
            return party
        if " " not in party and (lexicon.is_first_name(party) or lexicon.is_surname(party)) and party.lower() not in words.KNOWN_VENDORS:
            return None  # "a problem with Nietzsche": a server or a person named so, not a supplier
        if head.lower() in words.NOT_PARTIES or party.lower() in words.NOT_PARTIES:
            return None
        if re.sub(r"['’]s?$", "", head.lower()) in words.KNOWN_VENDORS:
            return head
        if position == 0 and " " not in party and not words.CAMEL.search(party):
            return None  # a capitalised first word of a sentence is no evidence of a name
        if words.PROPER.fullmatch(party):
            return party
        return None


# A person is blamed only where one of these matches.
_BLAMING_PATTERNS = (words.BLAME_ALONE, words.SLIP, words.FAULT)
_BLAMING = frozenset(_BLAMING_PATTERNS)


@lru_cache(maxsize=1)
def _scanner() -> tuple[LiteralScanner, tuple, frozenset]:
    """Each pattern's required words (vale/literals.py), found in a sentence in one scan; the
    patterns by index; and the patterns that require none."""
    scanner, always = LiteralScanner(), set()
    patterns = (words.REJECTS_BLAME, *_BLAMING_PATTERNS, words.OWNS_FAILURE, words.SHIFTS_BLAME, words.PROVIDER_FAILED,
                *BlameChecker._PARTY_PATTERNS)
    for index, pattern in enumerate(patterns):
        literals = required_literals(("(?x)" if pattern.flags & re.VERBOSE else "") + _without_party(pattern.pattern))
        if literals is None:
            always.add(pattern)
        else:
            scanner.register(0, index, literals)
    return scanner, patterns, frozenset(always)


def _without_party(source: str) -> str:
    """``source`` with each ``words.PARTY`` (a kilobyte of names that requires no literal) read as any
    text: the same required literals, parsed in a fraction of the time (``afterword check FILE``
    parses every pattern). tests/test_style_blame.py checks they are the same."""
    return source.replace(words.PARTY, "(?s:.+)")


@lru_cache(maxsize=1)
def _possible_patterns(sentence: str) -> frozenset:
    """The patterns that can match ``sentence``. The last sentence's are remembered: its people
    check and its supplier check both ask, in turn."""
    scanner, patterns, always = _scanner()
    return always.union(patterns[index] for index in scanner.candidates(sentence).get(0, ()))


def _search(pattern, sentence: str, possible: frozenset):
    """``pattern.search(sentence)``, or None without running it when its required words are missing."""
    return pattern.search(sentence) if pattern in possible else None
