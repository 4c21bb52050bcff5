"""`afterword preview` as a writer uses it: a real server, polled with bounded retries (no timing
assertions). It sees content folders created after it started, shows a build's errors on the page
until they are fixed, and re-checks everything when the style guide's vocabulary changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

INCIDENT = """---
title: Webhooks delayed
impact: minor
components: [webhooks]
---

## Resolved · 2026-11-20 10:40 UTC

Webhooks are being sent on time again. {extra}If you still see problems, please contact our support team.

## Investigating · 2026-11-20 10:05 UTC

Some webhooks are arriving late. We will post the next update by 10:35 UTC.
"""
PAGE = "incidents/2026-11-20-webhooks-delayed/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def _until(predicate, what: str, server: subprocess.Popen, attempts: int = 240) -> None:
    """Poll until predicate() holds; fail after a bounded number of attempts (or if the server died)."""
    for _ in range(attempts):
        if predicate():
            return
        assert server.poll() is None, f"the preview server stopped while waiting for {what}"
        time.sleep(0.5)
    pytest.fail(f"the preview never showed {what}")


@pytest.fixture
def served(scratch_project):
    """A preview of a project whose incidents/ and postmortems/ were deleted before it started."""
    shutil.rmtree(scratch_project / "incidents")
    shutil.rmtree(scratch_project / "postmortems")
    port = _free_port()
    env = {**os.environ, "AFTERWORD_NOW": "2026-11-23 10:00 UTC", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "afterword", "preview", "--config", str(scratch_project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=scratch_project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _until(lambda: _get(base)[0] == 200, "the home page", server)
        yield scratch_project, base, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck server
            server.kill()


def _write(project: Path, extra: str = "") -> None:
    folder = project / "incidents" / "2026"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-11-20-webhooks-delayed.md").write_text(INCIDENT.format(extra=extra), encoding="utf-8")


def test_preview_follows_new_folders_errors_and_vocabulary(served):
    project, base, server = served
    # incidents/ did not exist when the server started.
    _write(project)
    _until(lambda: _get(base + PAGE)[0] == 200, "an incident written into a new incidents/ folder", server)

    # A style error is listed on the page, and the list goes when it is fixed.
    _write(project, "Thanks to Priya Raman for the fix. ")
    _until(lambda: "Afterword.PersonName" in _get(base)[1], "the person-name error on the page", server)
    assert "aw-preview-problems" in _get(base + PAGE)[1] or "aw-preview-problems" in _get(base)[1]
    _write(project)
    _until(lambda: "aw-preview-problems" not in _get(base)[1] and _get(base + PAGE)[0] == 200, "the page recovering", server)

    # The same name, once the vocabulary accepts it, is no longer reported: cached findings are dropped.
    _write(project, "Thanks to Priya Raman for the fix. ")
    _until(lambda: "Afterword.PersonName" in _get(base)[1], "the error again", server)
    vocabulary = project / "styleguide" / "styles" / "config" / "vocabularies" / "Afterword" / "accept.txt"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "\nPriya Raman\n", encoding="utf-8")
    _until(lambda: "aw-preview-problems" not in _get(base)[1], "the findings re-checked after the vocabulary edit", server)
