"""`make bench` runs end to end and records what it promises (never asserting on times)."""

from __future__ import annotations

import json

from afterword import bench


def test_bench_records_wall_cpu_memory_and_withheld_content(tmp_path, capsys):
    assert bench.main(["--sizes", "6", "--repeat", "1", "--no-lint", "--out", str(tmp_path)]) == 0
    result = json.loads(next(tmp_path.glob("bench-*.json")).read_text())
    row = result["builds"][0]
    assert row["withheld"]["drafts"] == 0 and row["withheld"]["with_internal_notes"] >= 0
    settings = {s["cpus"] for s in row["settings"]}
    assert "1" in settings or result["machine"]["usable_cpus"] == 1  # the 1-CPU run
    for setting in row["settings"]:
        for side in ("afterword", "baseline", "warm"):
            run = setting["runs"][side][0]
            assert run["ok"] and run["seconds"] > 0 and run["cpu_seconds"] > 0 and run["peak_rss_mb"] > 0
        assert setting["afterword"]["pages"] == setting["baseline"]["pages"] == setting["warm"]["pages"]
    assert "CPU s (ours / plain)" in capsys.readouterr().out


def test_bench_builds_a_real_statuspage_history(tmp_path, capsys, shared_dir):
    """`--from-statuspage`: a history in a real team's own wording (here 12 of GitHub's incidents)."""
    source = tmp_path / "github"
    source.mkdir()
    for path in sorted((shared_dir / "peers/statuspage-githubstatus/incidents").glob("*.json"))[-12:]:
        (source / path.name).write_bytes(path.read_bytes())
    assert bench.main(["--sizes", "", "--repeat", "1", "--no-one-core", "--no-lint", "--from-statuspage", str(source),
                       "--out", str(tmp_path / "out")]) == 0
    row = json.loads(next((tmp_path / "out").glob("bench-*.json")).read_text())["builds"][0]
    assert row["incidents"] == 12 and row["source"].startswith("Statuspage export")
    assert row["settings"][0]["warm"]["pages"] == row["settings"][0]["afterword"]["pages"]
