"""The people checks' fast paths give the full computation's findings: results shared between
texts that differ only in their digits (afterword.memo.digits_as_zero), patterns skipped where
their required words are missing, scans skipped where a character they need is missing.

Texts: the real-text corpus (tests/data/realworld/) and lines written here, each read again with
its digits changed at random. Settings are built here (no Lumen content).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from afterword.names.handles import _AS_SUBJECT, _USER_CUE, _may_cue
from afterword.names.listed import thanked_people
from afterword.settings import Settings
from afterword.style.blame import BlameChecker
from afterword.style.checker import _FENCE, StyleChecker, _blank_fences
from afterword.vale.markdown import parsed_markdown

ROOT = Path(__file__).resolve().parent.parent
STYLE = ROOT / "styleguide" / ".vale.ini"
CORPUS = ROOT / "tests" / "data" / "realworld" / "docs"
PEOPLE_RULES = {"Afterword.PersonName", "Afterword.PersonHandle", "Afterword.Blame", "Afterword.VendorBlame"}

LINES = [
    "At 10:42 UTC Jordan said the 3 nodes were down. Priya noticed 502 errors at 10:45.",
    "Dana Whitfield restarted node 7 at 14:05, and Session 44 failed again at 14:07.",
    "1. Nóva noticed slow pages at 09:12.\n2. Nóva fixed disk 3 at 09:40.",
    "An engineer on shift 3 accidentally deleted 12 records at 03:15; the change was never tested.",
    "Stripe was down for 15 minutes. Traefik v2 broke routing for 40% of requests.",
    "Due to AWS we lost 3 hours. esm.sh deployed 2 breaking changes that caused 500 errors.",
    "The user jsmith123 reported it at 08:00. Thanks to Ngozi and Carol 2 for the report.",
    "Emily, our on-call engineer, restarted cluster 9 at 17:30 and paged Sunita.",
]


def blocks() -> list[tuple[str, bool]]:
    found = []
    for document in [*sorted(CORPUS.glob("*.md")), *LINES]:
        text = document.read_text(encoding="utf-8") if isinstance(document, Path) else document
        found += [(block.text, "heading" in block.scope) for block in parsed_markdown(text).blocks]
    return [block for block in found if re.search("[0-9]", block[0])]


def other_digits(text: str, rng: random.Random) -> str:
    return re.sub("[0-9]", lambda _: rng.choice("0123456789"), text)


@pytest.fixture(scope="module")
def checker(tmp_path_factory) -> StyleChecker:
    settings = Settings(root=tmp_path_factory.mktemp("acme"), company="Acme",
                        sections={"names": ["Acme", "Val Town"], "suppliers": ["Stripe", "AWS"]})
    return StyleChecker(settings, STYLE)


def test_corpus_has_numbered_blocks_with_findings(checker):
    numbered = blocks()
    assert len(numbered) > 500
    assert sum(bool(checker.names.find(text, heading)) for text, heading in numbered) > 20
    assert sum(bool(checker.blame.blamed(text)) for text, _ in numbered) > 10


def test_names_read_through_a_shared_key_are_those_of_the_text(checker):
    rng = random.Random(18)
    for text, heading in blocks():
        checker.names.find(text, heading)  # remembered under the key of both texts
        variant = other_digits(text, rng)
        assert checker.names.find(variant, heading) == checker.names._find(variant, heading), variant


def test_blame_read_through_a_shared_key_is_that_of_the_text(checker):
    rng = random.Random(18)
    exact = BlameChecker("Acme", ["Acme", "Val Town"], ["Stripe", "AWS"])
    exact._digit_blind = False  # the full computation: every sentence by its own text
    for text, heading in blocks():
        names = [(hit.start, hit.end) for hit in checker.names.find(text, heading)]
        checker.blame.blamed(text, names)
        variant = other_digits(text, rng)
        names = [(hit.start, hit.end) for hit in checker.names._find(variant, heading)]
        assert checker.blame.blamed(variant, names) == exact.blamed(variant, names), variant


def test_thanked_names_read_through_a_shared_key_are_those_of_the_text(checker):
    rng = random.Random(18)
    thanks = [(f"Thanks to Ngozi, Bob {n} Jones and Carol for the {n} reports.", False) for n in (2, 30)]
    for text, _ in [*blocks(), *thanks]:
        checker._thanked(text)
        variant = other_digits(text, rng)
        assert checker._thanked(variant) == thanked_people(variant), variant


def test_scans_skipped_without_their_characters_would_find_nothing():
    """Handles are marked with [brackets] or `backticks`, or follow a word such as "user" in any
    case; a fence starts with ``` or ~~~."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.md"))]
    cues = [*(text for _, text in _doubled(texts)), "The USER jdoe reported it.", "The uſer jdoe reported it.",
            "The Accounts team", "Customer jsmith123 wrote in.", "The uſed queue"]
    assert sum(_may_cue(text) for text in cues) < len(cues) and any(_USER_CUE.search(text) for text in cues)
    assert all(_may_cue(text) for text in cues if _USER_CUE.search(text))
    assert sum(bool(_AS_SUBJECT.search(text)) for text in texts) > 0
    assert all(_AS_SUBJECT.search(re.sub(r"[\[`]", "(", text)) is None for text in texts)
    fenced = [text for text in texts if _FENCE.search(text)]
    assert fenced and all(_blank_fences(text) != text for text in fenced)
    assert all(_FENCE.search(re.sub("[`~]", "-", text)) is None for text in texts)


def _doubled(texts: list[str]) -> list[tuple[int, str]]:
    """Each text, and each of its paragraphs."""
    return [(0, text) for text in texts] + [(1, part) for text in texts for part in text.split("\n\n")]


def people_findings(checker: StyleChecker, body: str) -> list[tuple[str, str, str]]:
    text = "---\ntitle: Routing errors\n---\n\n" + body + "\n"
    return [(p.rule, p.severity, p.match) for p in checker.check_text(text, "incidents/2025/x.md") if p.rule in PEOPLE_RULES]


def test_names_with_digits_are_read_digit_by_digit(tmp_path):
    """A company, an own name, a supplier or a vendor with a digit in it (Acme 2, level3, Team 2
    Priya) matches only that digit: texts where it appears share no key with other digits. Each
    pair is read in the order where a shared key would repeat the first answer."""
    settings = Settings(root=tmp_path, company="Initech 2", sections={"names": ["Acme 2", "Team 2 Priya"]})
    checker = StyleChecker(settings, STYLE)
    assert people_findings(checker, "Acme 2 caused the outage.") == []  # our own name
    assert people_findings(checker, "Acme 3 caused the outage.") == [("Afterword.VendorBlame", "warning", "Acme 3 caused")]
    assert people_findings(checker, "Team 2 Priya noticed errors.") == []  # an accepted name
    assert people_findings(checker, "Team 3 Priya noticed errors.") == [("Afterword.PersonName", "error", "Priya")]
    blame = "An Initech {} engineer accidentally deleted the table."
    assert ("Afterword.Blame", "error", "accidentally") in people_findings(checker, blame.format(3))
    assert ("Afterword.Blame", "error", "An Initech 2 engineer accidentally") in people_findings(checker, blame.format(2))
    plain = StyleChecker(Settings(root=tmp_path, company="Acme"), STYLE)
    assert people_findings(plain, "Sadly level4 went down.") == []
    assert people_findings(plain, "Sadly level3 went down.") == [("Afterword.VendorBlame", "warning", "level3 went down")]


class EveryPattern(frozenset):
    """Every pattern can match."""

    def __contains__(self, pattern) -> bool:
        return True

    def isdisjoint(self, patterns) -> bool:
        return False


def test_blame_patterns_skipped_for_missing_words_would_not_match(checker, monkeypatch):
    """A sentence skips each pattern whose required words it lacks (vale/literals.py): the same
    findings as running every pattern on every sentence."""
    from afterword.style import blame

    sentences = sorted({sentence for text, _ in blocks() for _, sentence in blame.sentences(text)}
                       | {"An engineer forgot to renew it.", "The on-call engineer should have caught it.",
                          "This was human error.", "A typo was introduced.", "Stripe was down.", "Not our fault."})
    skipping = BlameChecker("Acme", ["Acme"], ["Stripe"])
    found = [(skipping._people_in(s, ()), skipping._suppliers_in(s)) for s in sentences]
    monkeypatch.setattr(blame, "_possible_patterns", lambda sentence: EveryPattern())
    running_all = BlameChecker("Acme", ["Acme"], ["Stripe"])
    assert found == [(running_all._people_in(s, ()), running_all._suppliers_in(s)) for s in sentences]
    assert sum(people is not None for people, _ in found) > 5 and sum(bool(suppliers) for _, suppliers in found) > 5


def test_words_are_read_with_offsets_possessives_and_sentence_starts():
    from afterword.names.detector import PersonNameDetector

    text = "Dr. Okafor's fix: Jordan said hi.\n\n- mslipper joins 3x\n1. Wei-Lun Zhang’s  NASA update"
    words = [tuple(token) for token in PersonNameDetector()._tokens(text, heading=False)]
    assert words == [
        ("Dr", 0, 2, False, True, "dr", True), ("Okafor", 4, 10, True, False, "okafor", True),  # a title's full stop
        ("fix", 13, 16, False, False, "fix", False), ("Jordan", 18, 24, False, True, "jordan", True),
        ("said", 25, 29, False, False, "said", False), ("hi", 30, 32, False, False, "hi", False),
        ("mslipper", 37, 45, False, True, "mslipper", False), ("joins", 46, 51, False, False, "joins", False),
        ("x", 53, 54, False, False, "x", False), ("Wei-Lun", 58, 65, False, True, "wei-lun", True),
        ("Zhang", 66, 71, True, False, "zhang", True), ("NASA", 75, 79, False, False, "nasa", False),
        ("update", 80, 86, False, False, "update", False),
    ]
    assert all(text[start:end] == word for word, start, end, *_ in words)
    assert [token.initial for token in PersonNameDetector()._tokens("Incident on 2019-01-11", heading=True)] == [True, True]
    assert PersonNameDetector()._tokens("12:30 — 13:45", heading=False) == []
