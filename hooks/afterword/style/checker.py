"""The house-style check of one document: Vale rules, person names, apology and structure.

``StyleChecker`` compiles the Vale rules, reads the name lists and the team's known people once;
``check_text`` then costs milliseconds per file. ``checker_for(settings)`` keeps one checker per
project per process, so the MkDocs build, ``afterword lint`` and ``afterword check`` share it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..frontmatter import split_document
from ..loader import read_content_file, relative_path
from ..memo import BoundedMemo, digits_as_zero
from ..model import Incident, Postmortem
from ..names import RULE as PERSON_RULE
from ..names import NameHit, PersonNameDetector, known_people, lexicon
from ..names.handles import unmarked_handles
from ..names.listed import PEOPLE_HEADING, listed_people, thanked_people
from ..problems import ERROR, WARNING, ContentError, Problem, sort_problems
from ..settings import Settings
from ..vale import Linter, ValeConfigError, load_config
from ..vale.rules import build_rule
from ..vale.scope import Scope
from ..vale.markdown import parsed_markdown
from ..vale.text import LineIndex
from .apology import apology_pattern, check_first_update_apology
from .blame import BlameChecker
from .blame_words import KNOWN_VENDORS
from .demote import demote, imported_globs, is_imported
from .domains import RULE_NAME as HOST_RULE
from .domains import Domains, domains_config, internal_host_rule
from .fingerprint import DEFAULT_CONFIG, template_summary
from .prose import ProseView, fields_for, prose_view
from .readability import RULES as READING_RULES
from .readability import LIMIT_RULE, MIN_WORDS_FOR_LIMIT, describe, hardest_sentences, word_count
from .structure import check_structure, structure_config

UNECHOED_RULES = {"Afterword.Credentials"}  # findings whose matched text must never be printed
HANDLE_RULE = "Afterword.PersonHandle"
HANDLE_MESSAGE = "Blameless: remove the handle '{handle}'; name the role instead, e.g. 'our on-call engineer'."
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1", re.M | re.S)

NAME_MESSAGE = (
    "Blameless: '{name}' looks like a person's name ({reason}); name the role instead, e.g. 'an engineer' "
    "or 'our support team'. Not a person? Add it to {accept}"
)


class StyleChecker:
    def __init__(self, settings: Settings, config_path: Path | None = None):
        self.settings = settings
        style = settings.section("style")
        path = config_path or settings.root / str(style.get("config") or DEFAULT_CONFIG)
        domains = domains_config(settings)
        try:
            self.config = load_config(path)
            self.linter = Linter(self.config)  # compiles every rule: a bad regex is reported here
            self._use_configured_domains(domains)
        except ValeConfigError as exc:
            raise ContentError(f"the style guide cannot be used: {exc}", rule="afterword.style-config") from None
        styles = self.config.styles_path
        accept = [styles / "config" / "vocabularies" / name / "accept.txt" for name in self.config.vocab] if styles else []
        self.accept_file = relative_path(accept[0], settings.root) if accept else "the style guide's accept.txt"
        own_names = settings.own_names  # a malformed `names:` is reported here, as afterword.config
        self.own_accounts = {_squash(n) for n in [*own_names, *settings.suppliers]}
        # Servers the team named like people ("Fritz") are hosts (Afterword.InternalHost), not people.
        self.names = PersonNameDetector(self.config.accepted, known_people(settings.root, path.parent / "people.txt"),
                                        never=[*own_names, *settings.suppliers, *KNOWN_VENDORS, *domains.internal_hosts])
        self.blame = BlameChecker(settings.company, own_names, settings.suppliers)
        self._thanked_spans: BoundedMemo[list[tuple[int, int]]] = BoundedMemo()
        self.apology = apology_pattern(styles)
        self.imported = imported_globs(style)
        self.structure = structure_config(settings, template_summary(settings))

    def _use_configured_domains(self, domains: Domains) -> None:
        """Lint with the InternalHost rule made from mkdocs.yml, whatever the file's copy says."""
        old = self.linter.rules.get(HOST_RULE)
        if old is None:
            return  # the style guide does not use the rule
        rule = build_rule(internal_host_rule(domains), HOST_RULE, old.path, self.linter.context)
        self.linter.rules[HOST_RULE] = rule
        self.linter.scopes[HOST_RULE] = Scope(rule.scope)

    # -- one document -----------------------------------------------------------------------------

    def check_text(self, text: str, path: str, document: Incident | Postmortem | None = None) -> list[Problem]:
        """Style findings for the file ``path`` (relative to the project root) with content ``text``."""
        view = prose_view(text, fields_for(path))
        problems = self._vale(view, path) + self._people(view, path)
        if isinstance(document, Incident):
            problems += check_first_update_apology(document, self.apology)
        elif isinstance(document, Postmortem):
            front = document.front_matter
            problems += check_structure(path, document.body, document.body_start_line, document.summary, self.structure,
                                        front.line_of("summary") if front is not None else 1, document.draft)
        elif path.startswith("postmortems/"):
            problems += self._structure_from_text(text, path)
        internal = getattr(document, "internal", None) if document is not None else _internal(text)
        if is_imported(path, internal, self.imported):
            problems = demote(problems)
        return sort_problems(problems)

    def _vale(self, view: ProseView, path: str) -> list[Problem]:
        problems = []
        for alert in self.linter.lint_text(view.text, path=path):
            line, column = view.to_file(alert.line, alert.column)
            # A credential is never repeated anywhere, not even in a finding's match (CI logs are read widely).
            match = "" if alert.check in UNECHOED_RULES else alert.match
            if alert.check == HANDLE_RULE and self._own_account(alert.match):
                continue  # the company's own status account, or a supplier's, is not a person
            message, severity = alert.message, alert.severity
            if alert.check in READING_RULES:
                hardest = [(view.to_file(at, 1)[0], value) for at, value in hardest_sentences(view.text)]
                message += describe(hardest)
                if alert.check == LIMIT_RULE and severity == ERROR and word_count(view.text) < MIN_WORDS_FOR_LIMIT:
                    severity = WARNING
                    message += f" (A warning on texts under {MIN_WORDS_FOR_LIMIT} words, where the grade is unreliable.)"
            problems.append(Problem(path, line, column, alert.check, message, severity, match))
        return problems

    def _people(self, view: ProseView, path: str) -> list[Problem]:
        """People's names, and blame of people and suppliers, block by block."""
        parsed = parsed_markdown(view.text)
        lines = parsed.lines or LineIndex(view.text)
        problems = []

        def at(block, offset: int) -> tuple[int, int]:
            return view.to_file(*lines.position(block.source_index(offset)))

        people_section = False
        found: list[tuple] = []  # (block, name hits)
        for block in parsed.blocks:
            heading = "heading" in block.scope
            names = self.names.find(block.text, heading=heading)
            if heading:
                people_section = bool(PEOPLE_HEADING.search(block.text))
            elif people_section and ("list" in block.scope or len(block.text.split()) <= 15):
                names += [NameHit(a, b, name, "listed under a heading for people") for a, b, name in listed_people(block.text)
                          if not any(h.start <= a < h.end for h in names) and not self.names.accepts(name)]
            names += [NameHit(a, b, name, "thanked by name") for a, b, name in self._thanked(block.text)
                      if not any(h.start < b and a < h.end for h in names) and self._may_be_person(name)]
            found.append((block, names))
        # "Nóva noticed…" once, then "Nóva fixed the disk": every further mention is the same person.
        again = {h.text for _, names in found for h in names if " " not in h.text and "doing what" in h.reason}
        handles = unmarked_handles(_blank_fences(view.text), self.names.never)
        for start, end, handle in handles:
            again.add(handle)
            message = HANDLE_MESSAGE.format(handle=handle)
            problems.append(Problem(path, *view.to_file(*lines.position(start)), HANDLE_RULE, message, ERROR, handle))
        for block, names in found:
            names += [h for h in self.names.find_again(block.text, again, names)
                      if not any(a <= block.source_index(h.start) < b for a, b, _ in handles)]
            for hit in names:
                message = NAME_MESSAGE.format(name=hit.text, reason=hit.reason, accept=self.accept_file)
                problems.append(Problem(path, *at(block, hit.start), PERSON_RULE, message, ERROR, hit.text))
            for hit in self.blame.blamed(block.text, [(h.start, h.end) for h in names]):
                problems.append(Problem(path, *at(block, hit.start), hit.rule, hit.message, hit.severity, hit.text))
        return problems

    def _thanked(self, text: str) -> list[tuple[int, int, str]]:
        """``thanked_people(text)``, worked out once per ``digits_as_zero(text)``: its patterns read
        digits only as digits, and each name is the text between its offsets."""
        spans = self._thanked_spans.get(digits_as_zero(text), lambda: [(a, b) for a, b, _ in thanked_people(text)])
        return [(a, b, text[a:b]) for a, b in spans]

    def _may_be_person(self, name: str) -> bool:
        """A thanked name that is not ours, a supplier's or an accepted word (Cloudflare, Jenkins…);
        an @handle is left to Afterword.PersonHandle."""
        words = name.split()
        if name.startswith("@") or self.names.accepts(name) or any(w.lower() in self.names.never or w.lower() in self.names.allowed for w in words):
            return False
        # "Thanks to Alchemy, who…", "thanks to Fastly": a vendor, unless a name list knows the first word.
        return lexicon.is_first_name(words[0]) or (len(words) > 1 and lexicon.is_surname(words[-1])
                                                  and not lexicon.is_english_word(words[0]))

    def _own_account(self, handle: str) -> bool:
        """@LumenStatus, @lumen, @UptimeRobot: an account of the company or of a configured supplier."""
        squashed = _squash(handle.rstrip("/").rsplit("/", 1)[-1])  # a profile link: its last segment
        return squashed in KNOWN_VENDORS or any(own and (squashed == own or squashed.startswith(own) and len(own) >= 4)
                                                for own in self.own_accounts)

    def _structure_from_text(self, text: str, path: str) -> list[Problem]:
        try:
            source = split_document(text)
        except ContentError:
            return []  # the schema check reports it
        summary = source.front_matter.data.get("summary")
        return check_structure(path, source.body, source.body_start_line, summary if isinstance(summary, str) else None,
                               self.structure, source.front_matter.line_of("summary"), source.front_matter.data.get("draft") is True)

    # -- files and histories ----------------------------------------------------------------------

    def check_file(self, file: Path, document: Incident | Postmortem | None = None, text: str | None = None) -> list[Problem]:
        """Findings for ``file`` (``document``: as loaded from it, path included); ``text``: its
        content, when the caller has read it already."""
        relpath = document.path if document is not None else relative_path(file, self.settings.root)
        if text is None:
            try:
                text = read_content_file(file)
            except ContentError:
                return []  # the schema check reports unreadable files
        return self.check_text(text, relpath, document)


def _blank_fences(text: str) -> str:
    """``text`` with its fenced code blocks blanked out, line breaks kept."""
    if "```" not in text and "~~~" not in text:
        return text  # no fence: the regex would find none
    return _FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _internal(text: str) -> Any:
    try:
        return split_document(text).front_matter.data.get("internal")
    except ContentError:
        return None


_CHECKERS: dict[tuple, StyleChecker] = {}


def checker_for(settings: Settings) -> StyleChecker:
    """One checker per project and style guide per process: rules compile once. A new checker when
    the style guide or any setting it reads changes (a preview keeps running across mkdocs.yml edits)."""
    style = settings.section("style")
    config = settings.root / str(style.get("config") or DEFAULT_CONFIG)
    stamp = _stamp(config)
    read = (domains_config(settings), tuple(settings.own_names), tuple(settings.suppliers), repr(settings.sections.get("structure")))
    key = (str(settings.root), str(config), stamp, *read)
    checker = _CHECKERS.get(key)
    if checker is None:
        checker = _CHECKERS[key] = StyleChecker(settings, config)
    else:
        checker.settings = settings
    return checker


def _stamp(config: Path) -> float:
    """Newest modification time under the style guide, so an edited rule recompiles."""
    folder = config.parent
    try:
        return max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0)
    except OSError:
        return 0.0
