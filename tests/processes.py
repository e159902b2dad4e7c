"""``tacitus ingest`` in a child process, for tests that kill it or run beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_ingest(inbox: Path, database: Path, batch_size: int) -> subprocess.Popen[str]:
    """One worker and small batches, so the child commits often; errors on ``stderr``."""
    script = Path(sys.executable).with_name("tacitus")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "tacitus.cli"]
    return subprocess.Popen(
        [*entry, "ingest", str(inbox), "--db", str(database), "--workers", "1"],
        env=os.environ | {"TACITUS_BATCH_SIZE": str(batch_size)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
