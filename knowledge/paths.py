"""Where the bundled catalogue lies and where built artefacts (indexes, trained tables) are cached."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
BUNDLED_CATALOGUE = DATA_DIR / "catalogue.jsonl.gz"


def repo_root() -> Path | None:
    """The checkout this package runs from, if it runs from one (an editable install)."""
    root = PACKAGE_DIR.parent
    return root if (root / "pyproject.toml").is_file() else None


def build_dir() -> Path:
    """The cache for built artefacts: $MOTCUA_BUILD_DIR, else ./build of the checkout, else ~/.cache."""
    configured = os.environ.get("MOTCUA_BUILD_DIR")
    if configured:
        path = Path(configured)
    elif (root := repo_root()) is not None:
        path = root / "build"
    else:
        path = Path.home() / ".cache" / "motcua"
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_dir() -> Path | None:
    """The shared material beside the checkout (../shared), present on CI and developer machines only."""
    configured = os.environ.get("MOTCUA_SHARED_DIR")
    candidates = [Path(configured)] if configured else []
    if (root := repo_root()) is not None:
        candidates.append(root.parent / "shared")
    return next((c for c in candidates if (c / "data" / "catalogue").is_dir()), None)


@contextlib.contextmanager
def build_lock(artefact: Path) -> Iterator[None]:
    """Hold an exclusive lock while building ``artefact``, so that processes starting together (test
    workers, the service and a CLI call) build a cached artefact once and the others wait, then load it."""
    lock_path = artefact.with_name(artefact.name + ".lock")
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
