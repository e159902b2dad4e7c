"""One cycle as ``tacitus watch`` runs it: read the sources, then fire the alerts."""

from __future__ import annotations

from tacitus.watch.alerts import AlertSink, fire
from tacitus.watch.cycle import CycleReport, Watcher, utc_now


def run_cycle(
    watcher: Watcher, sink: AlertSink, due_only: bool = False, report: CycleReport | None = None
) -> CycleReport:
    """Read the sources (all, or only those due) and alert on the new matching events;
    ``report``, if given, is kept up to date as pages are stored."""
    started = utc_now()
    report = watcher.cycle(due_only, report)
    report.alerts = fire(watcher.store, watcher.config.alerts, sink, started)
    return report
