"""Symbolic links are never published: a link publishes whatever it points at, which nobody reviewed
under the link's path (and MkDocs would copy a target from anywhere on the build machine)."""

from __future__ import annotations

import os
from pathlib import Path


def find_symlinks(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` (files and folders, any depth), without following any."""
    if folder.is_symlink():
        return [folder]
    found = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(parent) / name
            if path.is_symlink():
                found.append(path)
    return sorted(found)
