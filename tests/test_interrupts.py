"""SIGINT or SIGTERM to ``tacitus ingest`` at any moment: one line saying what was saved, the
exit code of the signal, no traceback, and no worker or forkserver left running."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from test_engines import write_wires

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
]

MESSAGE = re.compile(
    r"^interrupted: \d+ documents stored, \d+ to go; run the same command to resume$", re.M
)


def children(pid: int) -> set[int]:
    """Every live descendant of ``pid``."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stored(database: Path) -> int:
    try:
        with duckdb.connect(str(database), read_only=True) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]  # type: ignore[index]
    except duckdb.Error:
        return 0


def start(inbox: Path, database: Path) -> subprocess.Popen[str]:
    script = Path(sys.executable).with_name("tacitus")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "tacitus.cli"]
    return subprocess.Popen(
        [*entry, "ingest", str(inbox), "--db", str(database), "--workers", "2"],
        env=os.environ | {"TACITUS_BATCH_SIZE": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("moment", ["start-up", "mid-run"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stop_signal_stops_every_process_and_says_what_was_saved(
    tmp_path: Path, sig: signal.Signals, moment: str
) -> None:
    inbox = write_wires(tmp_path / "inbox", 60)
    database = tmp_path / "t.duckdb"
    proc = start(inbox, database)
    seen: set[int] = set()
    try:
        if moment == "start-up":
            # Workers are being spawned and are loading spaCy.
            assert wait_for(lambda: seen.update(children(proc.pid)) or len(seen) >= 2, 60)
        else:
            assert wait_for(lambda: seen.update(children(proc.pid)) or stored(database) > 0, 180)
        seen |= children(proc.pid)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + sig, err
    assert "Traceback" not in err, err
    assert MESSAGE.search(err), err
    assert seen, "the ingest started worker processes"
    # Workers notice a vanished parent within a second or two.
    assert wait_for(lambda: not any(alive(pid) for pid in seen), 15), "a child survived"


def test_an_error_a_stop_signal_causes_is_reported_as_the_interrupt() -> None:
    # DuckDB turns a signal that lands during a query into its own "Query interrupted"
    # error; the command must still report the interrupt and exit with 128 + signal.
    from tacitus.interrupts import Interrupted, stop_signals_raise

    with pytest.raises(Interrupted) as stopped, stop_signals_raise():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except Interrupted:
            raise duckdb.InterruptException("Query interrupted") from None
    assert stopped.value.exit_code == 128 + signal.SIGTERM
