"""Match findings to labels and compute the figures: per family precision and recall, error
false positives per 1,000 words, and how often Structure disagrees with the hand judgement."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..problems import Problem
from .corpus import Document, Label
from .families import DOCUMENT_RULES, FAMILIES, STRUCTURE_CHECKED, STRUCTURE_RULE, STRUCTURE_SECTIONS, family_of


@dataclass
class DocumentResult:
    slug: str
    words: int
    findings: list[Problem]
    hits: list[tuple[Problem, Label | None]]  # every span finding with the label it matched (or None)
    missed: list[Label]
    structure_missing: list[str]  # sections Structure says are missing
    structure_judged: list[str]  # sections the hand judgement says are missing
    structure_wrong: bool

    @property
    def error_false_positives(self) -> list[Problem]:
        return [p for p, label in self.hits if label is None and p.is_error]


@dataclass
class Tally:
    labels: int = 0
    found: int = 0  # labels matched by at least one finding of their family
    findings: int = 0
    correct: int = 0  # findings that matched a label of their family
    errors: int = 0
    error_fp: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"labels": self.labels, "found": self.found, "findings": self.findings, "correct": self.correct,
                "precision": ratio(self.correct, self.findings), "recall": ratio(self.found, self.labels),
                "error_findings": self.errors, "error_false_positives": self.error_fp,
                "missed_examples": self.missed[:15], "false_positive_examples": self.wrong[:15]}


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def span(problem: Problem) -> tuple[int, int]:
    start = max(problem.column - 1, 0)
    return start, start + max(len(problem.match), 1)


def overlaps(problem: Problem, label: Label) -> bool:
    start, end = span(problem)
    return problem.line == label.line and start < label.end and label.start < end


def score_document(doc: Document, findings: list[Problem]) -> DocumentResult:
    hits: list[tuple[Problem, Label | None]] = []
    matched: set[int] = set()
    for problem in findings:
        if problem.rule in DOCUMENT_RULES:
            continue
        family = family_of(problem.rule)
        label = next((lab for lab in doc.labels if lab.family == family and overlaps(problem, lab)), None)
        if label is not None:
            matched.update(i for i, lab in enumerate(doc.labels) if lab.family == family and overlaps(problem, lab))
        hits.append((problem, label))
    missed = [lab for i, lab in enumerate(doc.labels) if i not in matched]
    said_missing = sorted({section for p in findings if p.rule == STRUCTURE_RULE
                           for section, pattern in STRUCTURE_SECTIONS.items() if pattern.search(p.message)})
    # Compared on the sections the rule checks: a rule that knows three sections is judged on three.
    judged_missing = sorted(s for s in STRUCTURE_CHECKED if s in doc.structure and not doc.structure[s])
    wrong = {s for s in said_missing if s in STRUCTURE_CHECKED} != set(judged_missing)
    return DocumentResult(doc.slug, doc.words, findings, hits, missed, said_missing, judged_missing, wrong)


def summarise(docs: list[Document], results: list[DocumentResult]) -> dict:
    tallies = {family: Tally() for family in FAMILIES}
    for doc, result in zip(docs, results):
        for label in doc.labels:
            tallies[label.family].labels += 1
        for label in result.missed:
            tallies[label.family].missed.append(f"{doc.slug}:{label.line}: {label.text}")
        tallies_found = Counter(lab.family for lab in doc.labels) - Counter(lab.family for lab in result.missed)
        for family, count in tallies_found.items():
            tallies[family].found += count
        for problem, label in result.hits:
            family = family_of(problem.rule)
            if family is None:
                continue
            tally = tallies[family]
            tally.findings += 1
            tally.errors += problem.is_error
            if label is not None:
                tally.correct += 1
            else:
                tally.wrong.append(f"{doc.slug}:{problem.line}: [{problem.rule}] {problem.match}")
                tally.error_fp += problem.is_error
    words = sum(r.words for r in results)
    error_fp = [(r.slug, p) for r in results for p in r.error_false_positives]
    by_rule = Counter(p.rule for _, p in error_fp)
    wrong_structure = [r.slug for r in results if r.structure_wrong]
    document_rules = Counter(p.rule for r in results for p in r.findings if p.rule in DOCUMENT_RULES)
    return {
        "documents": len(results),
        "words": words,
        "families": {family: tally.as_dict() for family, tally in tallies.items()},
        "error_false_positives": len(error_fp),
        "error_false_positives_per_1000_words": round(1000 * len(error_fp) / words, 2) if words else None,
        "error_false_positives_by_rule": dict(by_rule.most_common()),
        "document_rule_findings": dict(document_rules.most_common()),
        "structure_wrong_documents": wrong_structure,
        "structure_wrong_share": ratio(len(wrong_structure), len(results)),
        "per_document": [{"slug": r.slug, "words": r.words, "findings": [p.as_dict() for p in r.findings],
                          "missed": [lab.__dict__ for lab in r.missed], "structure_missing": r.structure_missing,
                          "structure_judged_missing": r.structure_judged, "structure_wrong": r.structure_wrong}
                         for r in results],
    }
