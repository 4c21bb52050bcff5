"""``python -m afterword.evaluate``: lint the real-text corpus and the status-update sample, print
the figures, and write them as JSON to eval-results/ (see guide/evaluation.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .corpus import DEFAULT_CORPUS, CorpusError, load_corpus
from .families import FAMILIES
from .lint import ScratchProject
from .score import score_document, summarise
from .statuspage import DEFAULT_SAMPLE, evaluate_statuspage


def evaluate_corpus(corpus: Path, project: ScratchProject, only: list[str] | None = None) -> dict:
    docs = load_corpus(corpus, only)
    results = []
    for doc in docs:
        company = doc.own_names[0] if doc.own_names else "We"
        checker = project.checker(company, doc.own_names, doc.suppliers, doc.extra.get("domains"))
        results.append(score_document(doc, checker.check_text(doc.text, f"postmortems/{doc.slug}.md")))
    return summarise(docs, results)


def report(corpus: dict, statuspage: dict | None) -> str:
    out = [f"Real-text corpus: {corpus['documents']} published postmortems, {corpus['words']:,} words", "",
           f"{'family':<14}{'labels':>7}{'found':>7}{'recall':>8}{'findings':>10}{'correct':>9}{'precision':>11}{'error FP':>10}"]
    for family in FAMILIES:
        f = corpus["families"][family]
        out.append(f"{family:<14}{f['labels']:>7}{f['found']:>7}{_fmt(f['recall']):>8}{f['findings']:>10}"
                   f"{f['correct']:>9}{_fmt(f['precision']):>11}{f['error_false_positives']:>10}")
    out += ["", f"Error-level false positives: {corpus['error_false_positives']} "
                f"({corpus['error_false_positives_per_1000_words']} per 1,000 words; any error finding that matches "
                "no label of its family, rules outside every family included)"]
    out += [f"  {rule}: {count}" for rule, count in corpus["error_false_positives_by_rule"].items()]
    out += ["", "Whole-document requirements (not counted as false positives): " + ", ".join(
        f"{rule} {count}" for rule, count in corpus["document_rule_findings"].items())]
    wrong = corpus["structure_wrong_documents"]
    out += ["", f"Structure wrong on {len(wrong)} of {corpus['documents']} documents "
                f"({_pct(corpus['structure_wrong_share'])})"]
    if statuspage:
        out += ["", f"Status updates (false positives only): {statuspage['incidents']} GitHub incidents, "
                    f"{statuspage['words']:,} words, {statuspage['error_findings']} error findings = "
                    f"{statuspage['errors_per_1000_words']} per 1,000 words"]
        out += [f"  {rule}: {count}" for rule, count in statuspage["errors_by_rule"].items()]
    return "\n".join(out)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m afterword.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the labelled corpus folder")
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="the status-update sample (JSON)")
    parser.add_argument("--styleguide", type=Path, default=Path("styleguide"), help="the style guide to evaluate")
    parser.add_argument("--only", nargs="*", help="evaluate only these document slugs (skips the status updates)")
    parser.add_argument("--out", type=Path, help="write the figures as JSON files into this folder")
    args = parser.parse_args(argv)
    project = ScratchProject(args.styleguide)
    try:
        corpus = evaluate_corpus(args.corpus, project, args.only)
        statuspage = None if args.only else evaluate_statuspage(args.sample, project)
    except CorpusError as exc:
        print(f"afterword.evaluate: {exc}", file=sys.stderr)
        return 2
    finally:
        project.close()
    print(report(corpus, statuspage))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "realworld.json").write_text(json.dumps(corpus, indent=1, ensure_ascii=False), encoding="utf-8")
        if statuspage:
            (args.out / "statuspage.json").write_text(json.dumps(statuspage, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"\nJSON written to {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
