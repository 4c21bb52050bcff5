"""Throughput of the Vale engine next to proselint, on the same generated postmortems.

    python -m afterword.vale.bench [--docs 1000] [--config styleguide/.vale.ini] [--profile]

Documents come from `afterword.demo` when that package is present (it generates postmortems),
otherwise from a deterministic generator here: ~800 words of incident prose with headings,
lists, links, emphasis and inline code. The configuration defaults to the house style
(`styleguide/.vale.ini`); while that file does not exist yet, an ini naming every style in
`styleguide/styles` is generated in a temporary folder. Prints words/second for both linters
(per CPU second, so other work on the machine does not skew them) and their ratio; nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import tempfile
import time
from pathlib import Path

from . import Linter, load_config

ROOT = Path(__file__).resolve().parents[3]

# Sentence stock for the fallback generator; a few trip house-style rules on purpose.
_OPENERS = [
    "On {day}, customers could not {action} for about {minutes} minutes.",
    "Between {time} and {later} UTC, requests to the {component} failed for some customers.",
    "Our monitoring raised an alert when the error rate of the {component} rose sharply.",
    "We are sorry for the disruption this caused to you and your customers.",
]
_BODY = [
    "The {component} depends on a database that stores every invoice and payment.",
    "A configuration change reduced the number of connections the {component} could open.",
    "When traffic grew in the morning, new requests had to wait and many of them timed out.",
    "The on-call engineer was paged within two minutes and started to investigate.",
    "We first suspected the network, because the errors looked like slow responses.",
    "After ruling that out, we found that the connection limit had been lowered by mistake.",
    "We restored the previous setting and the {component} recovered within a few minutes.",
    "No data was lost, and every payment that failed was retried automatically.",
    "Some customers saw the error page several times before the fix was in place.",
    "We have added an automated check that compares connection limits before a change ships.",
    "The failover to the standby database worked as designed, but it took longer than expected.",
    "This was just a small part of the platform, yet it affected many of you.",
    "We will review how we test configuration changes that affect capacity.",
    "Our status page was updated every thirty minutes while we worked on the problem.",
    "In the future, alerts about connection errors will reach the on-call engineer sooner.",
    "We also learned that our dashboards did not show the waiting requests clearly enough.",
    "Github notifications and e-mail reports were delayed by up to an hour as a result.",
    "The team rolled back the change and watched the error rate fall to its usual level.",
    "Customers who exported reports during this time may need to run the export again.",
    "We know that you rely on the {component} to run your business, and we let you down.",
]
_LIST_ITEMS = [
    "Add an automated check for connection limits to every configuration change.",
    "Alert the on-call engineer when requests wait longer than five seconds.",
    "Show waiting requests on the main dashboard of the {component}.",
    "Practise the database failover every quarter and measure how long it takes.",
    "Write a plain guide for customers on retrying failed exports.",
]
_HEADINGS = ["What happened", "Impact on customers", "How we responded", "What we are changing", "Our apology"]
_COMPONENTS = ["invoicing service", "payments API", "dashboard", "export service", "login page", "mobile app"]
_ACTIONS = ["send invoices", "log in", "export reports", "accept card payments", "open the dashboard"]


def _fill(rng: random.Random, sentence: str) -> str:
    hour = rng.randint(0, 22)
    return sentence.format(
        day=f"{rng.randint(1, 28)} March 2025", action=rng.choice(_ACTIONS), minutes=rng.randint(5, 90),
        time=f"{hour:02d}:{rng.randint(0, 59):02d}", later=f"{hour + 1:02d}:{rng.randint(0, 59):02d}",
        component=rng.choice(_COMPONENTS),
    )


def _decorate(rng: random.Random, sentence: str) -> str:
    """Inline markup a real postmortem has: emphasis, a link, inline code."""
    roll = rng.random()
    words = sentence.split(" ")
    if roll < 0.08 and len(words) > 4:
        words[2] = f"**{words[2]}**"
    elif roll < 0.14 and len(words) > 4:
        words[3] = f"[{words[3]}](https://status.lumen.example/incidents/{rng.randint(100, 999)})"
    elif roll < 0.18 and len(words) > 4:
        words[1] = f"`{words[1]}`"
    return " ".join(words)


def synthetic_postmortem(rng: random.Random, target_words: int = 800) -> str:
    """One ~800-word postmortem in Afterword's format, the same for the same ``rng`` state."""
    title = f"Postmortem: {rng.choice(_COMPONENTS)} errors"
    parts = [f"---\ntitle: \"{title}\"\nincident: inc-{rng.randint(1000, 9999)}\npublished: 2025-03-{rng.randint(1, 28):02d} 10:00 UTC\n"
             f"summary: \"{_fill(rng, _OPENERS[0])}\"\n---\n"]
    words = 0
    for index, heading in enumerate(_HEADINGS):
        parts.append(f"## {heading}\n")
        share = target_words // len(_HEADINGS)
        written = 0
        if index == 0:
            opener = _fill(rng, rng.choice(_OPENERS[:3]))
            parts.append(opener + "\n")
            written += len(opener.split())
        while written < share:
            sentences = [_decorate(rng, _fill(rng, rng.choice(_BODY))) for _ in range(rng.randint(2, 5))]
            paragraph = " ".join(sentences)
            if rng.random() < 0.3:  # wrap long paragraphs as writers do
                chunk = paragraph.split(" ")
                paragraph = "\n".join(" ".join(chunk[i : i + 14]) for i in range(0, len(chunk), 14))
            parts.append(paragraph + "\n")
            written += len(paragraph.split())
        if heading == "What we are changing":
            items = [f"- {_fill(rng, item)}" for item in rng.sample(_LIST_ITEMS, 3)]
            parts.append("\n".join(items) + "\n")
            written += sum(len(i.split()) for i in items)
        if heading == "Our apology":
            parts.append(_OPENERS[3] + "\n")
        words += written
    return "\n".join(parts)


def documents(count: int, seed: int = 7, synthetic: bool = False) -> tuple[list[str], str]:
    """``count`` postmortems and where they came from."""
    try:
        from afterword import demo  # generates whole sites; its postmortems are ~800 words
    except ImportError:
        demo = None
    if synthetic:
        demo = None
    if demo is not None:
        try:
            site = demo.generate(incidents=max(count * 4, 40), postmortems=count, seed=seed)
            texts = [p.text for p in site.postmortems][:count]
            if len(texts) == count:
                return texts, "afterword.demo postmortems"
        except Exception:  # the demo generator is optional here; fall back to our own prose
            pass
    rng = random.Random(seed)
    return [synthetic_postmortem(rng) for _ in range(count)], "synthetic postmortems (afterword.vale.bench)"


def default_config(folder: Path) -> Path:
    """The house style's ini, or one naming every style of `styleguide/styles` while it is missing."""
    house = ROOT / "styleguide" / ".vale.ini"
    if house.is_file():
        return house
    styles = ROOT / "styleguide" / "styles"
    names = sorted(p.name for p in styles.iterdir() if p.is_dir() and p.name != "config") if styles.is_dir() else []
    ini = folder / ".vale.ini"
    ini.write_text(f"StylesPath = {styles}\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = {', '.join(names)}\n", encoding="utf-8")
    return ini


def word_count(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def time_afterword(linter: Linter, texts: list[str]) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds of this process, and the number of alerts."""
    start, cpu = time.perf_counter(), time.process_time()
    alerts = 0
    for number, text in enumerate(texts):
        alerts += len(linter.lint_text(text, path=f"postmortems/bench-{number}.md"))
    return time.perf_counter() - start, time.process_time() - cpu, alerts


def time_proselint(texts: list[str]) -> tuple[float, float, int] | None:
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    start, cpu = time.perf_counter(), time.process_time()
    alerts = 0
    for number, text in enumerate(texts):
        alerts += len(LintFile(f"bench-{number}.md", text).lint())
    return time.perf_counter() - start, time.process_time() - cpu, alerts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m afterword.vale.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="number of postmortems (default 1000)")
    parser.add_argument("--config", type=Path, help="the .vale.ini (default: styleguide/.vale.ini, or every style in styleguide/styles)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="also print the top costs of the Afterword run (cProfile)")
    parser.add_argument("--synthetic", action="store_true", help="use this module's generator even when afterword.demo exists")
    parser.add_argument("--no-proselint", action="store_true", help="time Afterword's engine only")
    args = parser.parse_args(argv)

    texts, source = documents(args.docs, args.seed, args.synthetic)
    words = word_count(texts)
    with tempfile.TemporaryDirectory() as folder:
        config_path = args.config or default_config(Path(folder))
        started = time.perf_counter()
        linter = Linter(load_config(config_path))
        load_time = time.perf_counter() - started
        print(f"{len(texts)} documents, {words} words ({source})")
        print(f"config: {config_path} ({len(linter.rules)} rules, loaded in {load_time:.2f} s)")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
        seconds, cpu, alerts = time_afterword(linter, texts)
        if args.profile:
            profiler.disable()
            report = io.StringIO()
            pstats.Stats(profiler, stream=report).sort_stats("tottime").print_stats(20)
            print(report.getvalue())
    # Words per CPU second: other processes on a shared machine do not change it.
    ours = words / cpu
    print(f"afterword vale: {seconds:8.2f} s wall {cpu:8.2f} s CPU  {ours:10,.0f} words/s  {alerts} alerts")
    if args.no_proselint:
        return 0
    baseline = time_proselint(texts)
    if baseline is None:
        print("proselint: not installed (pip install proselint==0.16.0 to compare)")
        return 0
    their_seconds, their_cpu, their_alerts = baseline
    theirs = words / their_cpu
    print(f"proselint:      {their_seconds:8.2f} s wall {their_cpu:8.2f} s CPU  {theirs:10,.0f} words/s  {their_alerts} alerts")
    print(f"ratio: afterword is {ours / theirs:.2f}x proselint's throughput")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
