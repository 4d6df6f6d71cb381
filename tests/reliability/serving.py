"""Starting factbase the way `make serve` does, for the tests that load a real server
(test_edges_serving.py, test_sqlite_writers.py)."""

from __future__ import annotations

import os
import re
import socket
import sys
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(database: Path) -> dict[str, str]:
    """The server's environment: this one without its DJANGO_/FACTBASE_ settings, over a
    SQLite file, unthrottled."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTBASE_"))}
    return clean | {
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_DEBUG": "0",
        "FACTBASE_THROTTLING": "0",
        "DJANGO_SETTINGS_MODULE": "factbase.settings",
    }


def serve_command(port: int) -> list[str]:
    """The Makefile's serve recipe, with the port and the venv's gunicorn filled in."""
    makefile = (BASE_DIR / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^serve:.*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no serve recipe"
    words = recipe.group(1).replace("$(BIN)/gunicorn", str(GUNICORN))
    words = words.replace("$(PORT)", str(port)).replace("$(HOST)", "127.0.0.1")
    assert "$(" not in words, words
    return words.split()
