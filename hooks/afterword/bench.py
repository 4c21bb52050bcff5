"""`make bench`: Afterword against plain MkDocs + Material on the same pages, side by side.

For each history size it generates a demo site (``afterword demo``: with the internal notes, drafts
and undisclosed security incident a real repository has), builds it with the Afterword hooks,
exports the very pages Afterword generated into a plain MkDocs project with the same theme,
extensions and search plugin but no hooks (the baseline), and builds that, alternating the two.
Each build is measured for wall time, CPU time (user + system of the build and every process it
started) and the peak memory of its largest process; then again pinned to one CPU, as on a 1-core
CI runner. It also measures lint throughput against proselint on the same postmortem text.

Prints a table and writes JSON (``--out``) for comparison between commits. Numbers, not asserts:
speed is measured here, never in timed tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from .build import SiteBuild
from .cpus import usable_cpus
from .demo import generate, write_site
from .settings import load_settings
from .style.cache import project_folder as findings_cache

NOW = "2026-11-23 10:00 UTC"


@dataclass
class BuildRun:
    seconds: float  # wall
    cpu_seconds: float  # user + system, the build and its children (the forked worker)
    peak_rss_mb: float  # the largest single process
    ok: bool
    search_index_mb: float = 0.0
    largest_page_kb: float = 0.0
    largest_page: str = ""
    pages: int = 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path, out: Path, env: dict, cpus: set[int] | None = None) -> BuildRun:
    """One `mkdocs build --strict` in a child process (pinned to ``cpus`` when given)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    cpu_before = _children_cpu()
    began = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=pin)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    cpu = _children_cpu() - cpu_before  # reaped children only: the build and, through it, its worker
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        print(f"build of {project} failed:\n{stderr[-2000:]}", file=sys.stderr)
    run = BuildRun(round(seconds, 2), round(cpu, 2), round(usage.ru_maxrss / 1024, 1), child.returncode == 0)
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


@dataclass
class Pair:
    """Afterword and the baseline, built alternately ``repeat`` times in one CPU setting."""

    cpus: str  # "all (2)" or "1"
    afterword: list[BuildRun] = field(default_factory=list)  # cold: no findings remembered
    baseline: list[BuildRun] = field(default_factory=list)
    warm: list[BuildRun] = field(default_factory=list)  # again, with the findings the cold build stored

    def summary(self) -> dict:
        ours, base, warm = _medians(self.afterword), _medians(self.baseline), _medians(self.warm)
        return {
            "cpus": self.cpus,
            "afterword": ours,
            "baseline": base,
            "warm": warm,
            "wall_ratio": _ratio(ours["seconds"], base["seconds"]),
            "cpu_ratio": _ratio(ours["cpu_seconds"], base["cpu_seconds"]),
            "warm_wall_ratio": _ratio(warm["seconds"], base["seconds"]),
            "warm_cpu_ratio": _ratio(warm["cpu_seconds"], base["cpu_seconds"]),
            "runs": {"afterword": [asdict(r) for r in self.afterword], "baseline": [asdict(r) for r in self.baseline],
                     "warm": [asdict(r) for r in self.warm]},
        }


def _ratio(ours: float, theirs: float) -> float | None:
    return round(ours / theirs, 2) if theirs else None


def _medians(runs: list[BuildRun]) -> dict:
    """Median wall and CPU (each on its own); peak memory is the highest seen in any run."""
    last = runs[-1]
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 2),
        "cpu_seconds": round(statistics.median(r.cpu_seconds for r in runs), 2),
        "peak_rss_mb": max(r.peak_rss_mb for r in runs),
        "ok": all(r.ok for r in runs),
        "search_index_mb": last.search_index_mb,
        "largest_page_kb": last.largest_page_kb,
        "pages": last.pages,
    }


def withheld_counts(project: Path) -> dict:
    """What the demo withholds, as the loader sees it: the leak check searches for all of it."""
    from .leaks import collect_secrets
    from .loader import load_history

    history = load_history(load_settings(project / "mkdocs.yml"))
    accounting = history.accounting()
    return {
        "drafts": accounting["draft"],
        "security": accounting["security"],
        "with_internal_notes": sum(1 for d in [*history.incidents, *history.postmortems] if d.internal),
        "withheld_strings": len(collect_secrets(history)),
    }


def bench_size(incidents: int, work: Path, env: dict, repeat: int = 1, one_core: bool = True, withheld: bool = True,
               statuspage: Path | None = None) -> dict:
    """One history: ``incidents`` synthetic ones, or (``statuspage``) a real Statuspage export's."""
    postmortems = incidents // 10
    project = work / f"afterword-{incidents}"
    began = time.perf_counter()
    site = generate(incidents, postmortems, seed=7, from_statuspage=statuspage, withheld=withheld)
    if statuspage is not None:
        incidents = len(site.incidents)
        postmortems = len(site.postmortems)
        project = work / f"afterword-{incidents}"
    write_site(site, project, force=True)
    generated = time.perf_counter() - began
    os.environ["AFTERWORD_NOW"] = NOW
    counts = withheld_counts(project)
    baseline_project = work / f"baseline-{incidents}"
    shutil.rmtree(baseline_project, ignore_errors=True)
    export_baseline(project, baseline_project)
    settings = [Pair(f"all ({usable_cpus()})")]
    if one_core and usable_cpus() > 1:
        settings.append(Pair("1"))
    for pair in settings:
        cpus = {min(os.sched_getaffinity(0))} if pair.cpus == "1" else None
        # Alternate the two builds so that any drift in the machine's load hits both alike.
        for _ in range(repeat):
            # Cold: as after a style-guide or engine change. Warm: the usual publish, every document's
            # findings already stored by the cold build (afterword/style/cache.py).
            shutil.rmtree(findings_cache(project), ignore_errors=True)
            pair.afterword.append(timed_build(project, work / f"site-{incidents}", env, cpus))
            pair.baseline.append(timed_build(baseline_project, work / f"baseline-site-{incidents}", env, cpus))
            pair.warm.append(timed_build(project, work / f"site-{incidents}", env, cpus))
            print(f"  {incidents} incidents, cpus {pair.cpus}: afterword {pair.afterword[-1].seconds}s wall {pair.afterword[-1].cpu_seconds}s cpu, "
                  f"baseline {pair.baseline[-1].seconds}s wall {pair.baseline[-1].cpu_seconds}s cpu, "
                  f"afterword warm {pair.warm[-1].seconds}s wall {pair.warm[-1].cpu_seconds}s cpu", file=sys.stderr, flush=True)
    row = {
        "source": f"Statuspage export {statuspage}" if statuspage is not None else "afterword demo --seed 7",
        "incidents": incidents,
        "postmortems": postmortems,
        "withheld": counts,
        "generate_seconds": round(generated, 2),
        "settings": [pair.summary() for pair in settings],
    }
    for path in (work / f"site-{incidents}", work / f"baseline-site-{incidents}", baseline_project):
        shutil.rmtree(path, ignore_errors=True)
    return row


def print_table(rows: list[dict], lint: dict | None) -> None:
    print(f"{'incidents':>9} {'cpus':>7} {'wall s (ours / plain)':>22} {'ratio':>6} {'CPU s (ours / plain)':>21} {'ratio':>6} {'peak MB':>8} {'plain MB':>8} {'search MB':>9} {'withheld':>24}")
    for row in rows:
        held = row["withheld"]
        withheld = f"{held['drafts']}d {held['security']}s {held['with_internal_notes']}i {held['withheld_strings']} str"
        for setting in row["settings"]:
            ours, base = setting["afterword"], setting["baseline"]
            wall = f"{ours['seconds']} / {base['seconds']}"
            cpu = f"{ours['cpu_seconds']} / {base['cpu_seconds']}"
            print(f"{row['incidents']:>9} {setting['cpus']:>7} {wall:>22} {setting['wall_ratio']:>6} {cpu:>21} {setting['cpu_ratio']:>6} "
                  f"{ours['peak_rss_mb']:>8} {base['peak_rss_mb']:>8} {ours['search_index_mb']:>9} {withheld:>24}")
            warm = setting["warm"]
            wall, cpu = f"{warm['seconds']} / {base['seconds']}", f"{warm['cpu_seconds']} / {base['cpu_seconds']}"
            print(f"{'':>9} {'warm':>7} {wall:>22} {setting['warm_wall_ratio']:>6} {cpu:>21} {setting['warm_cpu_ratio']:>6} {warm['peak_rss_mb']:>8}")
    print("withheld: d drafts, s undisclosed security incidents, i documents with internal notes, str strings the leak check searches for")
    print("first row of each size: cold (no style findings stored); warm: built again, each unchanged document's findings reused")
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
    parser.add_argument("--repeat", type=int, default=1, help="builds per size, side and CPU setting, alternating; the table shows medians")
    parser.add_argument("--no-one-core", dest="one_core", action="store_false", help="skip the runs pinned to one CPU")
    parser.add_argument("--no-withheld", dest="withheld", action="store_false", help="demo histories without internal notes, drafts or security incidents")
    parser.add_argument("--no-lint", dest="lint", action="store_false", help="skip the lint throughput comparison")
    parser.add_argument("--from-statuspage", type=Path, metavar="DIR",
                        help="also build a history of the real Statuspage incidents in DIR (their own wording), with 10%% synthetic postmortems")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    env = {**os.environ, "AFTERWORD_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    work = Path(tempfile.mkdtemp(prefix="afterword-bench-"))
    load_at_start = os.getloadavg()  # other work on the machine skews wall times: say how much there was
    rows = []
    lint = None
    try:
        for size in sizes:
            print(f"building {size} incidents …", file=sys.stderr, flush=True)
            rows.append(bench_size(size, work, env, args.repeat, args.one_core, args.withheld))
        if args.from_statuspage is not None:
            count = len(list(args.from_statuspage.glob("*.json")))
            print(f"building the {count} incidents of {args.from_statuspage} …", file=sys.stderr, flush=True)
            rows.append(bench_size(count, work, env, args.repeat, args.one_core, args.withheld, args.from_statuspage))
        if args.lint and sizes:
            lint = lint_throughput(work / f"afterword-{max(sizes)}")
    finally:
        if args.keep:
            print(f"projects kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows, lint)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    machine = {"cpus": os.cpu_count(), "usable_cpus": usable_cpus(), "python": platform.python_version(), "load_average_at_start": load_at_start, "load_average_at_end": os.getloadavg()}
    result = {"date": stamp, "machine": machine, "repeat": args.repeat, "builds": rows, "lint": lint}
    path = args.out / f"bench-{stamp}.json"
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"results: {path}")
    return 0 if all(s["afterword"]["ok"] and s["baseline"]["ok"] for r in rows for s in r["settings"]) else 1


if __name__ == "__main__":
    sys.exit(main())
