"""Handles written without an @: "[QuietMisdreavus] found the reason", "`jdoe` pushed a fix", "the
user jsmith123 reported…". Read on the raw Markdown, where brackets and backticks still show.
"""

from __future__ import annotations

import re

from ..vale.literals import required_literals
from . import lexicon
from .words import FUNCTION_WORDS, GROUP_WORDS, PEOPLE_ACTIONS, PERSON_ONLY_VERBS

# Verbs after a bracketed or backticked word that make it someone (not "`kubectl` failed").
_ACTING = PEOPLE_ACTIONS | PERSON_ONLY_VERBS | frozenset("pushed reverted deployed fixed restarted rolled investigated".split())
_REPORTING = frozenset("reported wrote posted opened filed noticed mentioned complained".split())  # "user auth tokens" is no handle
_HANDLE = r"[A-Za-z][A-Za-z0-9_.-]{0,37}[A-Za-z0-9_]"
_AS_SUBJECT = re.compile(rf"(?:^|(?<=[\s(|>*_]))(?:\[({_HANDLE})\](?![(\[:])|`({_HANDLE})`)\s+([a-z]+)", re.M)
_USER_CUE = re.compile(rf"\b(?:user(?:name)?|customer|account|member|reporter)\s+(?:named\s+|called\s+)?[`'\"]?({_HANDLE})", re.I)
_CUE_WORDS = required_literals(_USER_CUE.pattern)  # one of them is in every match, in some case
_ODD_CASES = ("İ", "ı", "ſ")  # read as i, i and s by re.I, but not lowercased to them


def unmarked_handles(raw: str, never: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, handle) in ``raw``; ``never`` holds lowercased own names and suppliers."""
    found = []
    marked = "[" in raw or "`" in raw  # most texts have neither: the scan is skipped
    for match in _AS_SUBJECT.finditer(raw) if marked else ():
        group = 1 if match.group(1) else 2
        handle, verb = match.group(group), match.group(3)
        if verb in _ACTING and _is_handle(handle, never):
            found.append((match.start(group), match.end(group), handle))
    for match in _USER_CUE.finditer(raw) if _may_cue(raw) else ():
        handle = match.group(1)
        following = re.match(r"\s+([a-z]+)", raw[match.end():])
        acts = following is None or following.group(1) in _ACTING or following.group(1) in _REPORTING
        if _is_handle(handle, never) and (re.search(r"[\d_.]", handle) or (handle.islower() and acts)):
            found.append((match.start(1), match.end(1), handle))
    return found


def _may_cue(raw: str) -> bool:
    """Whether ``raw`` has a word a user cue needs; most texts have none, and this test is cheaper
    than the scan it spares."""
    lowered = raw.lower()
    return any(word in lowered for word in _CUE_WORDS) or any(odd in raw for odd in _ODD_CASES)


def _is_handle(word: str, never: set[str]) -> bool:
    lowered = word.lower()
    return (lowered not in never and lowered not in FUNCTION_WORDS and lowered not in GROUP_WORDS
            and not lexicon.is_english_word(word))
