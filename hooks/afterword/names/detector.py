"""Find people's names in prose: name lists, the team's known people and capitalisation context.

A regex cannot tell "Jordan said" from "the Jordan River", or "Will" the person from "Will the fix
hold?". The detector looks at each capitalised word with its neighbours:

- a run of capitalised words whose first is a first name and whose next is a surname or another
  first name ("Dana Whitfield", "Wei Zhang") is a person, unless a place or thing noun follows
  ("Victoria Station", "Jordan River");
- a single first name in the middle of a sentence is a person ("we thank Priya for…"), unless it is
  also an everyday word (May, Will, Mark…), which needs a person's context;
- a capitalised word at the start of a sentence or in a title-case heading needs a person's context:
  a verb people do ("Jordan said"), a cue before it ("thanks to", "asked"), or a known person;
- words in the team's allow-list (Jenkins, Kafka, Ruby, Paris…) are never people on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from operator import add
from typing import Iterable, NamedTuple

from ..memo import ASCII_DIGIT, BoundedMemo, digits_as_zero
from . import lexicon
from .people import KnownPeople
from .words import (
    AMBIGUOUS_WORDS, FUNCTION_WORDS, GROUP_WORDS, PEOPLE_ACTIONS, PERSON_CUES, PERSON_ONLY_CUES, PERSON_ONLY_VERBS, PERSON_VERBS, THING_NOUNS,
)

RULE = "Afterword.PersonName"
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:['’]s)?")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # the text between words, each word, in turn
_SENTENCE_END = re.compile(r"[.!?:;…]|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s")
# Words after a name that things do as often as people: not enough when the first name is unknown.
_LINKING_WORDS = {"and", "from", "was", "were", "is", "has", "had", "did", "didn't"}
_ROLE_BESIDE = re.compile(
    r",\s+(?:our|the|an?|one\s+of\s+our)\s+(?:[\w-]+\s+){0,2}?(?:engineer|developer|operator|admin|administrator|"
    r"manager|lead|director|founder|intern|contractor|maintainer|moderator|colleague|teammate|ceo|cto|vp)s?\b", re.I)
_OF_ORGANISATION = re.compile(r"\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][\w.&-]+")
_MACHINE_CUES = {"on", "onto", "across", "host", "server", "node", "machine", "instance", "cluster"}
_ROLE_ENDINGS = ("ers", "ors", "ists", "ants", "ents", "ians")  # "Payers said": a group, not a name
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"}
_CUE_ENDINGS = frozenset(cue.split()[-1] for cue in PERSON_ONLY_CUES)  # the word right before a cued handle


@dataclass(frozen=True)
class NameHit:
    start: int  # character offsets in the text given to the detector
    end: int
    text: str
    reason: str  # why it looks like a person, for messages and debugging


class _Token(NamedTuple):
    text: str  # without a possessive 's
    start: int
    end: int
    possessive: bool
    initial: bool  # starts a sentence (or a title-case heading word)
    lower: str  # read many times per token: worked out once
    capitalised: bool


_new_token = partial(tuple.__new__, _Token)  # from a tuple of its fields, with no Python call


class PersonNameDetector:
    def __init__(self, allowed: Iterable[str] = (), people: KnownPeople | None = None, never: Iterable[str] = ()):
        """``allowed``: words that are people only when nothing else fits (the style guide's vocabulary);
        ``never``: the company's own names and its suppliers, never people ("Hello Hachydermians")."""
        self.people = people or KnownPeople()
        never = [t.strip() for t in never if t and t.strip()]
        self.never = {t.lower() for t in never if " " not in t}
        single, multi = set(), []
        for term in [*allowed, *never]:
            term = term.strip()
            if not term or term.startswith("#"):
                continue
            if " " in term:
                multi.append(term)
            else:
                single.add(term.lower())
        self.allowed = single
        self._remembered: BoundedMemo[list[NameHit]] = BoundedMemo()
        # A block's names read its digits only as digits ("Session 44", "1. Jordan…"), unless a
        # phrase below has one ("Route 66 Diner" is allowed, "Route 67 Diner" is not).
        self._digit_blind = not any(ASCII_DIGIT.search(term) for term in multi)
        self._allowed_phrases = (
            re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(multi, key=len, reverse=True)) + r")\b", re.I)
            if multi else None
        )

    # -- public API -------------------------------------------------------------------------------

    def find_again(self, text: str, names: set[str], hits: list[NameHit]) -> list[NameHit]:
        """Further mentions, in ``text``, of single-word names found elsewhere in the same document."""
        if not names:
            return []
        pattern = re.compile(r"(?<![\w@/.-])(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")(?![\w-])")
        return [NameHit(m.start(), m.end(), m.group(0), "named as a person elsewhere in this document")
                for m in pattern.finditer(text) if not any(h.start <= m.start() < h.end for h in hits)
                and not self._thing_follows(text, m.end())]

    def _thing_follows(self, text: str, end: int) -> bool:
        following = re.match(r"\s+([A-Z][\w-]*)", text[end:])
        return bool(following) and following.group(1).lower() in self.allowed

    def find(self, text: str, heading: bool = False) -> list[NameHit]:
        """Names in one block of prose. ``heading``: the block is a heading (title case is no clue).
        A block's names depend on its text alone, and histories repeat whole paragraphs, most often
        with other times and dates in them: each block is read once per way of writing its digits
        (``digits_as_zero``), and each hit's text taken from ``text`` itself."""
        key = digits_as_zero(text) if self._digit_blind else text
        return [NameHit(hit.start, hit.end, text[hit.start : hit.end], hit.reason)
                for hit in self._remembered.get((key, heading), lambda: self._find(text, heading))]

    def _find(self, text: str, heading: bool) -> list[NameHit]:
        tokens = self._tokens(text, heading)
        blocked = self._allowed_spans(text)
        hits: list[NameHit] = []
        handles, count = self.people.handles, len(tokens)
        index = 0
        while index < count:
            token = tokens[index]
            if not token.capitalised or blocked and any(a <= token.start < b for a, b in blocked):
                # Most words are lower-case and none of this: the cheap conditions go first.
                if token.initial:  # "mslipper joins the huddle"
                    cued = index + 1 < count and tokens[index + 1].text in PEOPLE_ACTIONS
                else:  # "paged mslipper" (the first word of a block is always initial)
                    cued = tokens[index - 1].lower in _CUE_ENDINGS
                if token.lower in handles and self._is_known_handle(token):
                    hits.append(NameHit(token.start, token.end, token.text, "a known person's handle"))
                elif cued and self._handle_acting(tokens, index):
                    hits.append(NameHit(token.start, token.end, token.text, "a handle doing what people do"))
                index += 1
                continue
            span = self._span(tokens, index, blocked, text)
            if (token.lower in self.never or len(span) > 1 and span[1].lower in self.allowed
                    or re.match(r"\s+\d", text[span[-1].end:])):  # "Era 7,496", "Session 44": a thing's name
                index += len(span)  # "John Mastodon", "Val Town": a name that is a thing's
                continue
            hit = self._judge(tokens, index, span)
            if hit is None and _ROLE_BESIDE.match(text, span[-1].end) and lexicon.is_first_name(span[0].text):
                hit = self._hit(span, "a name with a role beside it")  # "Emily, our on-call engineer, …"
            if (hit is None and _OF_ORGANISATION.match(text, span[-1].end) and lexicon.is_first_name(span[0].text)
                    and span[0].lower not in AMBIGUOUS_WORDS and span[0].lower not in self.allowed):
                hit = self._hit(span, "a name of an organisation's person")  # "Sam of Acme reported…"
            if hit is None and len(span) > 1:
                # "When David…", "Engineer Sofia…": the run is no name, but its first word may be,
                # and after a function word or a role the rest may be; "Time Warner Cable" is one thing.
                run = span
                span = span[:1]
                hit = self._judge(tokens, index, span)
                if hit is None and run[0].lower not in FUNCTION_WORDS and run[0].lower not in PERSON_CUES:
                    span = run
            if hit:
                hits.append(NameHit(hit.start, hit.end, text[hit.start : hit.end], hit.reason))  # as written
            index += len(span)
        return hits

    # -- tokens and spans -------------------------------------------------------------------------

    def _tokens(self, text: str, heading: bool) -> list[_Token]:
        """The words of ``text``. A block has dozens of words and few are capitalised or special:
        each field is worked out for all words at once, with the loops in C where they can be."""
        parts = _TOKEN_SPLIT.split(text)  # gap, word, gap, word, …, gap
        words = parts[1::2]
        if not words:
            return []
        starts = list(accumulate(map(len, parts)))[0:-1:2]  # a word starts where the gap before it ends
        if "'s" in text or "’s" in text:
            possessive = [word[-2:] in ("'s", "’s") and len(word) > 2 for word in words]
            words = [word[:-2] if owner else word for word, owner in zip(words, possessive)]
        else:
            possessive = [False] * len(words)
        lowers = list(map(str.lower, words))
        return list(map(_new_token, zip(words, starts, map(add, starts, map(len, words)), possessive,
                                        self._initials(parts, lowers, heading), lowers,
                                        [word[:1].isupper() and not word.isupper() for word in words])))

    @staticmethod
    def _initials(parts: list[str], lowers: list[str], heading: bool) -> list[bool]:
        """Which words start a sentence (all words of a heading: title case is no clue there)."""
        if heading:
            return [True] * len(lowers)
        # Most words follow a single space, which ends no sentence.
        initial = [True] + [gap != " " and _SENTENCE_END.search(gap) is not None for gap in parts[2:-1:2]]
        if not _HONORIFICS.isdisjoint(lowers):
            for index in range(1, len(lowers)):  # "Dr. Okafor": the full stop of a title ends no sentence
                if initial[index] and lowers[index - 1] in _HONORIFICS and parts[2 * index].strip() == ".":
                    initial[index] = False
        return initial

    def accepts(self, name: str) -> bool:
        """``name`` as a whole is one of our own names, a supplier or a vocabulary entry ('Priya Raman')."""
        if name.lower() in self.allowed or name.lower() in self.never:
            return True
        return self._allowed_phrases is not None and self._allowed_phrases.fullmatch(name) is not None

    def _allowed_spans(self, text: str) -> list[tuple[int, int]]:
        if self._allowed_phrases is None:
            return []
        return [(m.start(), m.end()) for m in self._allowed_phrases.finditer(text)]

    def _span(self, tokens: list[_Token], index: int, blocked, text: str) -> list[_Token]:
        """The run of capitalised words starting at ``index``, joined by single spaces (at most 3)."""
        span = [tokens[index]]
        for nxt in tokens[index + 1 : index + 3]:
            prev = span[-1]
            gap = text[prev.end : nxt.start]
            joined = gap == " " or (gap == ". " and prev.lower in _HONORIFICS)
            if prev.possessive or not nxt.capitalised or not joined:
                break
            if nxt.lower in FUNCTION_WORDS or any(a <= nxt.start < b for a, b in blocked):
                break
            span.append(nxt)
        return span

    # -- the decision -----------------------------------------------------------------------------

    def _judge(self, tokens: list[_Token], index: int, span: list[_Token]) -> NameHit | None:
        first = span[0]
        if first.lower in FUNCTION_WORDS:
            return None
        after = tokens[index + len(span)] if index + len(span) < len(tokens) else None
        before = tokens[index - 1] if index > 0 else None
        before2 = tokens[index - 2] if index > 1 else None
        words = [t.text for t in span]

        if before is not None and before.lower in _HONORIFICS and text_is_name_like(first.text):
            return self._hit(span, "a title such as Mr or Dr before it")
        if len(span) > 1 and self.people.knows(words):
            return self._hit(span, "a known person's full name")

        thing_after = after is not None and after.lower in THING_NOUNS and not span[-1].possessive
        if len(span) > 1:
            if first.lower.rstrip(".") in _HONORIFICS:
                return self._hit(span, "a title such as Mr or Dr")
            context = (after is not None and after.lower in PERSON_VERBS) or (before is not None and before.lower in PERSON_CUES)
            acts = after is not None and after.lower in PERSON_VERBS and after.lower not in _LINKING_WORDS
            # "Created By: Sen Lu": a cue that points at a person, even for a first name the lists lack.
            pointed = before is not None and (before.lower in PERSON_ONLY_CUES or before.lower == "by")
            return self._judge_full_name(span, thing_after, context, acts or pointed)

        cue = before.lower if before is not None else ""
        cue2 = f"{before2.lower} {cue}" if before2 is not None else ""
        next_word = after.lower if after is not None and not first.possessive else ""
        if first.lower in self.allowed:
            # An allow-listed word (Jordan, Victoria…) is a person only when nothing else could be.
            if next_word in PERSON_ONLY_VERBS or cue in PERSON_ONLY_CUES or cue2 in PERSON_ONLY_CUES:
                return self._hit(span, "an allow-listed word used as a person")
            return None
        cue_before = cue in PERSON_CUES or cue2 in PERSON_CUES
        verb_after = next_word in PERSON_VERBS
        strong_context = next_word in PERSON_ONLY_VERBS or cue in PERSON_ONLY_CUES or cue2 in PERSON_ONLY_CUES
        person_context = cue_before or verb_after or first.possessive
        # "John evaluated…", "Pietro notices…": a common first name followed by any verb (in a timeline).
        acts = (after is not None and not first.possessive and _looks_like_verb(after)
                and lexicon.is_first_name(first.text, common_only=True)
                and (after.text in PEOPLE_ACTIONS or not lexicon.is_english_word(first.text)))  # "John" is a word too
        if thing_after or (cue in _MACHINE_CUES and not strong_context and not first.possessive):
            return None  # "on Fritz", "across Freud, Franz": servers named after people
        if self.people.knows(words) and (person_context or (not first.initial and first.lower not in AMBIGUOUS_WORDS)):
            return self._hit(span, "a known person's name")
        if not lexicon.is_first_name(first.text):
            if (cue in PERSON_ONLY_CUES or cue2 in PERSON_ONLY_CUES) and not first.initial and text_is_name_like(first.text) \
                    and not lexicon.is_english_word(first.text) and first.lower not in GROUP_WORDS:
                return self._hit(span, "a name after a word that only points at people")  # "paged Sunita"
            # A name the lists lack ("Nóva noticed…"): only with a verb that only people do.
            if (first.initial and (next_word in PERSON_ONLY_VERBS or next_word in PEOPLE_ACTIONS) and text_is_name_like(first.text)
                    and not lexicon.is_english_word(first.text)
                    and first.lower not in GROUP_WORDS and not first.lower.endswith(_ROLE_ENDINGS)):
                return self._hit(span, "a name doing what only people do")
            return None
        if first.lower in AMBIGUOUS_WORDS:
            # "Hope is not a plan", "August was busy": everyday words need a verb only people do.
            return self._hit(span, "an everyday word used as a person") if strong_context else None
        if first.initial:
            return self._hit(span, "a first name doing what people do") if person_context or acts else None
        if lexicon.is_first_name(first.text, common_only=True) or person_context:
            return self._hit(span, "a first name in the middle of a sentence")
        return None

    def _judge_full_name(self, span: list[_Token], thing_after: bool, context: bool, acts: bool) -> NameHit | None:
        given, family = span[0], span[1]
        if family.lower in THING_NOUNS or family.lower in self.allowed or thing_after and len(span) == 2:
            return None
        if given.lower in self.allowed and not lexicon.is_surname(family.text):
            return None
        if not lexicon.is_first_name(given.text):
            # A first name the lists lack ("Kwame Mensah led…"): a known surname acting as a person.
            if acts and lexicon.is_surname(family.text) and given.lower not in AMBIGUOUS_WORDS and given.lower not in self.allowed:
                return self._hit(span[:2], "a surname acting as a person")
            return None
        if (given.lower in AMBIGUOUS_WORDS and given.initial and not lexicon.is_surname(family.text)
                and not (acts and not lexicon.is_english_word(family.text))):
            return None  # "May Invoices" in a heading; "Mark Rousskov deployed" is a person
        known_family = lexicon.is_surname(family.text) or lexicon.is_first_name(family.text, common_only=True)
        # A surname the census list lacks ("Nina Petrova") still counts when the pair acts as a person.
        if (known_family or (context and lexicon.is_first_name(given.text, common_only=True) and given.lower not in AMBIGUOUS_WORDS)
                or (acts and not lexicon.is_english_word(family.text))):
            trimmed = span if len(span) == 2 or span[2].lower not in THING_NOUNS else span[:2]
            return self._hit(trimmed, "a first name and a surname")
        return None

    def _handle_acting(self, tokens: list[_Token], index: int) -> bool:
        """ "- 18:12: mslipper joins the huddle", "saurik messaged smartcontracts": a lowercase word that
        opens an entry and does what people do, or follows a word that only points at people.
        ``_find`` has checked the cheap half: an entry's first word has a person's action after it;
        any other word follows the last word of such a cue."""
        token = tokens[index]
        if not token.initial:  # the whole cue: one word, or two ("reported by")
            before = tokens[index - 1].lower
            if before not in PERSON_ONLY_CUES and (index < 2 or f"{tokens[index - 2].lower} {before}" not in PERSON_ONLY_CUES):
                return False
        return (token.text.islower()
                and len(token.text) >= 3 and token.lower not in FUNCTION_WORDS and token.lower not in GROUP_WORDS
                and token.lower not in self.never and token.lower not in self.allowed and not token.possessive
                and not lexicon.is_english_word(token.text))

    def _is_known_handle(self, token: _Token) -> bool:
        return len(token.text) >= 4 and token.lower in self.people.handles and not token.capitalised and token.lower not in THING_NOUNS

    @staticmethod
    def _hit(span: list[_Token], reason: str) -> NameHit:
        start, end = span[0].start, span[-1].end
        return NameHit(start, end, " ".join(t.text for t in span), reason)



def _looks_like_verb(token: _Token) -> bool:
    """A lowercase past-tense or third-person verb ("evaluated", "notices"); no tagger, so a guess."""
    word = token.text
    if not word[:1].islower() or len(word) < 4:
        return False
    return word in PERSON_VERBS or word.endswith("ed") or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def text_is_name_like(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and word.isalpha()
