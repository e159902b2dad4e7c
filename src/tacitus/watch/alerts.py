"""Alert rules: after each cycle, every new event a rule's filter matches is appended
to a JSON Lines file and, if asked, POSTed to a webhook; each event once per rule.

"New" means holding a report that arrived after the rule last looked; "once" is kept
through the reports (``alerts_sent`` holds every mention of an alerted event), so an
event alerted before does not fire again when later reports join it or it is merged
under another id.  A restarted watcher looks from where the rule stopped.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from tacitus.export import stored_events
from tacitus.records import stable_id
from tacitus.store import Store, event_queries
from tacitus.store import watch_state as state
from tacitus.watch.config import AlertRule
from tacitus.watch.fetch import first_line

WEBHOOK_TIMEOUT = 10.0


@dataclass(slots=True)
class AlertSink:
    """Where alerts go: a JSON Lines file, and optionally a webhook URL."""

    path: Path
    webhook: str | None = None
    problems: list[str] = field(default_factory=list)

    def send(self, alerts: list[dict[str, Any]]) -> None:
        if not alerts:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as out:
            for alert in alerts:
                out.write(json.dumps(alert, ensure_ascii=False, sort_keys=True) + "\n")
            out.flush()
            os.fsync(out.fileno())  # written before the database records them as sent
        if self.webhook:
            self._post(alerts)

    def _post(self, alerts: list[dict[str, Any]]) -> None:
        for alert in alerts:
            try:
                response = httpx.post(self.webhook or "", json=alert, timeout=WEBHOOK_TIMEOUT)
                response.raise_for_status()
            except httpx.HTTPError as error:
                self.problems.append(f"webhook {self.webhook}: {first_line(error)}")
                return


def alert(rule: str, event: dict[str, Any], at: datetime) -> dict[str, Any]:
    """One alert: which rule, the event in the export layout, its evidence and outlets."""
    mentions = event["mentions"]
    return {
        "alert_id": stable_id(rule, event["id"]),
        "rule": rule,
        "sent_at": at.isoformat() + "Z",
        "summary": summary_line(event),
        "outlets": sorted({m["outlet"] for m in mentions if m["outlet"]}),
        "evidence": [
            {"sentence": m["sentence"], "outlet": m["outlet"], "source": m["source"]}
            for m in mentions
        ],
        "event": event,
    }


def summary_line(event: dict[str, Any]) -> str:
    """``CONSULT: Esmail Qaani -> Ismail Haniyeh, 2024-03-03``."""
    sides = [_side_name(event.get(side)) for side in ("actor", "recipient")]
    who = " -> ".join(name for name in sides if name) or "unknown actors"
    when = f", {event['date']}" if event.get("date") else ""
    return f"{event['event']}: {who}{when}"


def _side_name(side: dict[str, Any] | None) -> str | None:
    if not side:
        return None
    return side.get("name") or side.get("text") or side.get("code")


def fire(store: Store, rules: list[AlertRule], sink: AlertSink, now: datetime) -> int:
    """Send the alerts of every rule for events new since it last looked; how many."""
    through = state.latest_arrival(store) or now
    sent = 0
    for rule in rules:
        after = state.rule_checked_through(store, rule.name)
        if after is None:  # a rule new to this database: from this cycle on, not the past
            after = now
        where, params = rule.filter.to_sql(store)
        event_ids = state.alert_candidates(store, rule.name, where, params, after)
        if event_ids:
            events = list(stored_events(store, *event_queries.with_ids(event_ids)))
            sink.send([alert(rule.name, event, now) for event in events])
            state.record_alerts(store, rule.name, event_ids, now)
            sent += len(event_ids)
        state.save_rule_checked(store, rule.name, max(through, after))
    return sent
