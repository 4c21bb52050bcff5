"""`make bench`: Afterword against plain MkDocs + Material on the same pages, side by side.

For each history size it generates a demo site (``afterword demo``), builds it with the Afterword
hooks, exports the very pages Afterword generated into a plain MkDocs project with the same theme,
extensions and search plugin but no hooks (the baseline), and builds that. The difference is
Afterword's own work: loading, validation, style checks, timelines, feeds, API and the leak check.
It also measures lint throughput against proselint on the same postmortem text.

Prints a table and writes JSON (``--out``) for comparison between commits. Numbers, not asserts:
speed is measured here, never in timed tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from .build import SiteBuild
from .demo import generate, write_site
from .settings import load_settings

NOW = "2026-11-23 10:00 UTC"


@dataclass
class BuildRun:
    seconds: float
    peak_rss_mb: float
    ok: bool
    search_index_mb: float = 0.0
    largest_page_kb: float = 0.0
    largest_page: str = ""
    pages: int = 0


def timed_build(project: Path, out: Path, env: dict) -> BuildRun:
    """One `mkdocs build --strict` in a child process: wall time and that child's own peak memory."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    began = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        print(f"build of {project} failed:\n{stderr[-2000:]}", file=sys.stderr)
    run = BuildRun(round(seconds, 2), round(usage.ru_maxrss / 1024, 1), child.returncode == 0)
    if run.ok:
        _measure_output(out, run)
    return run


def _measure_output(site: Path, run: BuildRun) -> None:
    index = site / "search" / "search_index.json"
    run.search_index_mb = round(index.stat().st_size / 1e6, 2) if index.exists() else 0.0
    pages = list(site.rglob("*.html"))
    run.pages = len(pages)
    largest = max(pages, key=lambda p: p.stat().st_size)
    run.largest_page_kb = round(largest.stat().st_size / 1e3, 1)
    run.largest_page = largest.relative_to(site).as_posix()


def export_baseline(project: Path, target: Path) -> None:
    """The same generated Markdown as a plain MkDocs + Material project: no hooks, no Afterword."""
    os.environ["AFTERWORD_NOW"] = NOW
    build = SiteBuild(load_settings(project / "mkdocs.yml"))
    build.load()
    docs = target / "docs"
    shutil.copytree(project / "docs", docs)
    for page in build.pages():
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config["theme"].pop("custom_dir", None)  # the overrides read Afterword's data
    config["docs_dir"] = "docs"
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def lint_throughput(project: Path) -> dict:
    """Words per second: the full house style over the postmortems, and proselint on the same text."""
    from .loader import load_history
    from .style import lint_history

    settings = load_settings(project / "mkdocs.yml")
    history = load_history(settings)
    history.incidents = []  # postmortems only, as the benchmark compares prose linting
    texts = [p.summary + "\n\n" + p.body for p in history.postmortems]
    words = sum(len(t.split()) for t in texts)
    began = time.perf_counter()
    lint_history(history, settings)
    ours = time.perf_counter() - began
    result = {"postmortems": len(texts), "words": words, "afterword_seconds": round(ours, 2), "afterword_words_per_second": round(words / ours)}
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        result["proselint"] = "not installed (pip install proselint==0.16.0)"
        return result
    CheckRegistry().register_many(__register__)
    began = time.perf_counter()
    for index, text in enumerate(texts):
        LintFile(f"postmortem-{index}.md", text).lint()
    theirs = time.perf_counter() - began
    result.update(proselint_seconds=round(theirs, 2), proselint_words_per_second=round(words / theirs))
    result["ratio"] = round(result["afterword_words_per_second"] / result["proselint_words_per_second"], 2)
    return result


def median_run(runs: list[BuildRun]) -> BuildRun:
    """The run with the median time; peak memory is the highest seen in any run."""
    chosen = sorted(runs, key=lambda r: r.seconds)[(len(runs) - 1) // 2]
    chosen.peak_rss_mb = max(r.peak_rss_mb for r in runs)
    chosen.ok = all(r.ok for r in runs)
    return chosen


def bench_size(incidents: int, work: Path, env: dict, repeat: int = 1) -> dict:
    postmortems = incidents // 10
    project = work / f"afterword-{incidents}"
    began = time.perf_counter()
    write_site(generate(incidents, postmortems, seed=7), project)
    generated = time.perf_counter() - began
    baseline_project = work / f"baseline-{incidents}"
    export_baseline(project, baseline_project)
    # Alternate the two builds so that any drift in the machine's speed hits both alike.
    ours_runs, baseline_runs = [], []
    for _ in range(repeat):
        ours_runs.append(timed_build(project, work / f"site-{incidents}", env))
        baseline_runs.append(timed_build(baseline_project, work / f"baseline-site-{incidents}", env))
    ours, baseline = median_run(ours_runs), median_run(baseline_runs)
    row = {
        "incidents": incidents,
        "postmortems": postmortems,
        "generate_seconds": round(generated, 2),
        "afterword": asdict(ours),
        "baseline": asdict(baseline),
        "overhead": round(ours.seconds / baseline.seconds - 1, 3) if baseline.seconds else None,
        "runs": {"afterword": [r.seconds for r in ours_runs], "baseline": [r.seconds for r in baseline_runs]},
    }
    for path in (work / f"site-{incidents}", work / f"baseline-site-{incidents}", baseline_project):
        shutil.rmtree(path, ignore_errors=True)
    return row


def print_table(rows: list[dict], lint: dict | None) -> None:
    print(f"{'incidents':>10} {'afterword s':>12} {'baseline s':>11} {'overhead':>9} {'peak MB':>8} {'search MB':>10} {'largest page KB':>16}  runs (afterword / baseline)")
    for row in rows:
        ours, base = row["afterword"], row["baseline"]
        overhead = f"{row['overhead'] * 100:+.0f}%" if row["overhead"] is not None else "n/a"
        runs = f"{row['runs']['afterword']} / {row['runs']['baseline']}"
        print(f"{row['incidents']:>10} {ours['seconds']:>12} {base['seconds']:>11} {overhead:>9} {ours['peak_rss_mb']:>8} {ours['search_index_mb']:>10} {ours['largest_page_kb']:>16}  {runs}")
    sizes = {row["incidents"]: row["afterword"]["seconds"] for row in rows}
    if 1000 in sizes and 10000 in sizes:
        print(f"growth 1,000 -> 10,000 incidents: {sizes[10000] / sizes[1000]:.1f}x (linear is 10x)")
    if lint:
        if "proselint_words_per_second" in lint:
            print(f"lint: {lint['afterword_words_per_second']:,} words/s (Afterword, full house style) vs {lint['proselint_words_per_second']:,} words/s (proselint): {lint['ratio']}x")
        else:
            print(f"lint: {lint['afterword_words_per_second']:,} words/s (Afterword); proselint {lint.get('proselint')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m afterword.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="incident counts, comma-separated (postmortems: +10%%)")
    parser.add_argument("--out", type=Path, default=Path("bench-results"), help="folder for the JSON results")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--repeat", type=int, default=1, help="builds per size and side, alternating; the table shows medians")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    env = {**os.environ, "AFTERWORD_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="afterword-bench-"))
    rows = []
    try:
        for size in sizes:
            print(f"building {size} incidents …", file=sys.stderr, flush=True)
            rows.append(bench_size(size, work, env, args.repeat))
        lint = lint_throughput(work / f"afterword-{max(sizes)}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows, lint)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    result = {"date": stamp, "machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "builds": rows, "lint": lint}
    path = args.out / f"bench-{stamp}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"results: {path}")
    return 0 if all(r["afterword"]["ok"] and r["baseline"]["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
