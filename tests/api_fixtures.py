"""A small, realistic event database built by hand, without the NLP stages.

Four outlets report a foreign ministers' meeting, an aid pledge, a border attack
(one report is a near-copy of another), a denial, a UN appeal and a protest.
The stories are invented; the layout is what the pipeline stores.
``build_ties_database`` writes any list of one-line events, for charts at other sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import networkx as nx

from tacitus.merge.incremental import merge_pending
from tacitus.records import (
    ActorMention,
    ActorRef,
    ActorSpan,
    CleanDocument,
    CodedDocument,
    EventMention,
    Location,
    OffsetMap,
    Size,
    stable_id,
)
from tacitus.store import Store

LINDQVIST = ActorRef("person:ana-lindqvist", "Ana Lindqvist", "", "SWE", "GOV", "Foreign Minister")
MWANGI = ActorRef("person:joseph-mwangi", "Joseph Mwangi", "", "KEN", "GOV", "Foreign Minister")
SWEDEN = ActorRef("SWE", "Sweden", "", "SWE", "GOV")
KENYA = ActorRef("KEN", "Kenya", "", "KEN", "GOV")
KENYA_POLICE = ActorRef("KEN-COP", "Kenya Police", "", "KEN", "COP")
SHABAAB = ActorRef("org:al-shabaab", "al-Shabaab", "", "SOM", "REB")
SOMALIA = ActorRef("SOM", "Somalia", "", "SOM", "GOV")
UN = ActorRef("org:united-nations", "United Nations", "", "UNO", None)
SWEDISH_PROTESTERS = ActorRef(None, "Swedish protesters", "", "SWE", "CVL")

NAIROBI = Location("Nairobi", "Nairobi", 184745, -1.2833, 36.8167, "KE", 4)
MANDERA = Location("Mandera", "Mandera", 187585, 3.9366, 41.867, "KE", 4)
STOCKHOLM = Location("Stockholm", "Stockholm", 2673730, 59.3326, 18.0649, "SE", 4)

QUAD = {"CONSULT": 1, "AID": 2, "ASSAULT": 4, "ACCUSE": 3, "MOBILIZE": 4, "REQUEST": 1,
        "PROTEST": 3}  # fmt: skip
CAMEO = {"CONSULT": "04", "AID": "07", "ASSAULT": "18", "ACCUSE": "11", "MOBILIZE": "15",
         "REQUEST": "02", "PROTEST": "14"}  # fmt: skip


@dataclass
class Coded:
    """One event as the coder would find it: the sentence and the words of each part."""

    sentence: str
    event: str
    actor: ActorRef | None
    actor_text: str | None
    recipient: ActorRef | None
    recipient_text: str | None
    trigger: str
    modality: str = "asserted"
    date: date | None = None
    date_source: str = "publication"
    date_evidence: str | None = None
    place: Location | None = None
    size: Size | None = None
    attributed_to: str | None = None
    mode: str | None = None


@dataclass
class Article:
    outlet: str
    published: date
    title: str
    paragraphs: list[str]
    events: list[Coded] = field(default_factory=list)
    copy_of: str | None = None


def _side(ref: ActorRef | None, text: str | None) -> ActorRef | None:
    if ref is None or text is None:
        return None
    return ActorRef(ref.id, ref.name, text, ref.code, ref.sector, ref.office)


def coded_document(article: Article) -> CodedDocument:
    text = "\n\n".join([article.title, *article.paragraphs])
    doc_id = stable_id("fixture", article.outlet, article.title)
    source = f"{article.outlet.lower().replace(' ', '-')}/{article.published}.txt"
    document = CleanDocument(
        doc_id=doc_id,
        source=source,
        raw=text,
        text=text,
        offsets=OffsetMap.identity(len(text)),
        outlet=article.outlet,
        title=article.title,
        published=article.published,
        published_source="metadata",
        duplicate_of=article.copy_of,
        similarity=0.93 if article.copy_of else None,
    )
    events, actors, spans = [], [], []
    for index, item in enumerate(article.events):
        start = text.index(item.sentence)
        end = start + len(item.sentence)
        actor, recipient = (
            _side(item.actor, item.actor_text),
            _side(item.recipient, item.recipient_text),
        )
        for ref in (actor, recipient):
            if ref is not None:
                at = start + item.sentence.index(ref.entity_text)
                kind = "person" if (ref.id or "").startswith("person:") else "organization"
                actors.append(ActorMention(at, at + 1, at, ref, "alias", kind=kind))
                spans.append(ActorSpan(at, at + len(ref.entity_text), item.sentence))
        events.append(
            EventMention(
                doc_id=doc_id,
                sentence_index=index,
                event=item.event,
                mode=item.mode,
                quad_code=QUAD[item.event],
                cameo=CAMEO[item.event],
                modality=item.modality,  # type: ignore[arg-type]
                actor=actor,
                recipient=recipient,
                event_text=item.trigger,
                sentence=item.sentence,
                start=start,
                end=end,
                raw_start=start,
                raw_end=end,
                date=item.date or article.published,
                date_source=item.date_source,  # type: ignore[arg-type]
                date_precision="day",
                date_evidence=item.date_evidence,
                event_loc=item.place,
                size=item.size,
                attributed_to=item.attributed_to,
            )
        )
    words = len(text.split())
    return CodedDocument(document, actors, events, spans, sentences=len(article.paragraphs) + 1,
                         words=words)  # fmt: skip


MEETING_SUNDAY = date(2024, 5, 5)


def articles() -> list[Article]:
    harbor_attack = Article(
        "Coastal Wire",
        date(2024, 5, 9),
        "Four officers killed in attack on border police post",
        [
            "Militants from al-Shabaab attacked a police post near Mandera on Wednesday, "
            "killing four officers, Kenyan police said.",
            "Kenya accused al-Shabaab of using Somali territory to stage raids.",
            "Somali officials denied that troops had crossed into Kenya.",
        ],
        [
            Coded("Militants from al-Shabaab attacked a police post near Mandera on Wednesday, "
                  "killing four officers, Kenyan police said.", "ASSAULT", SHABAAB, "al-Shabaab",
                  KENYA_POLICE, "police post", "attacked", date=date(2024, 5, 8),
                  date_source="text", date_evidence="on Wednesday", place=MANDERA,
                  size=Size(dead=4), attributed_to="Kenyan police"),
            Coded("Kenya accused al-Shabaab of using Somali territory to stage raids.", "ACCUSE",
                  KENYA, "Kenya", SHABAAB, "al-Shabaab", "accused"),
            Coded("Somali officials denied that troops had crossed into Kenya.", "MOBILIZE",
                  SOMALIA, "Somali officials", KENYA, "Kenya", "crossed", modality="negated"),
        ],
    )  # fmt: skip
    copy = Article(
        "Harbor Times",
        date(2024, 5, 10),
        "Four officers killed in attack on border police post near Mandera",
        harbor_attack.paragraphs,
        [harbor_attack.events[0]],
        copy_of=coded_document(harbor_attack).document.doc_id,
    )
    return [
        Article(
            "Harbor Times",
            date(2024, 5, 6),
            "Sweden and Kenya talk drought aid and security",
            [
                "Swedish Foreign Minister Ana Lindqvist met her Kenyan counterpart Joseph Mwangi "
                "in Nairobi on Sunday.",
                "Sweden pledged 40 million kronor in drought relief to Kenya.",
            ],
            [
                Coded("Swedish Foreign Minister Ana Lindqvist met her Kenyan counterpart Joseph "
                      "Mwangi in Nairobi on Sunday.", "CONSULT", LINDQVIST, "Ana Lindqvist",
                      MWANGI, "Joseph Mwangi", "met", date=MEETING_SUNDAY, date_source="text",
                      date_evidence="on Sunday", place=NAIROBI, mode="visit"),
                Coded("Sweden pledged 40 million kronor in drought relief to Kenya.", "AID",
                      SWEDEN, "Sweden", KENYA, "Kenya", "pledged", mode="economic"),
            ],
        ),
        Article(
            "Coastal Wire",
            date(2024, 5, 6),
            "Nordic minister in Nairobi for talks",
            [
                "Ana Lindqvist held talks with Joseph Mwangi in Nairobi on Sunday, officials said.",
                "The two ministers did not take questions.",
            ],
            [
                Coded("Ana Lindqvist held talks with Joseph Mwangi in Nairobi on Sunday, "
                      "officials said.", "CONSULT", LINDQVIST, "Ana Lindqvist", MWANGI,
                      "Joseph Mwangi", "held talks", date=MEETING_SUNDAY, date_source="text",
                      date_evidence="on Sunday", place=NAIROBI, attributed_to="officials"),
            ],
        ),
        Article(
            "Valley Herald",
            date(2024, 5, 7),
            "Mwangi and Lindqvist discuss regional security",
            [
                "Kenya's top diplomat Joseph Mwangi and his Swedish guest Ana Lindqvist "
                "discussed regional security during their meeting in the capital.",
            ],
            [
                Coded("Kenya's top diplomat Joseph Mwangi and his Swedish guest Ana Lindqvist "
                      "discussed regional security during their meeting in the capital.",
                      "CONSULT", MWANGI, "Joseph Mwangi", LINDQVIST, "Ana Lindqvist",
                      "discussed"),
            ],
        ),
        harbor_attack,
        copy,
        Article(
            "Valley Herald",
            date(2024, 5, 20),
            "UN urges border cooperation; protest in Stockholm",
            [
                "The United Nations called on Somalia to secure its border with Kenya.",
                "Hundreds of Swedish protesters rallied in Stockholm against arms exports.",
            ],
            [
                Coded("The United Nations called on Somalia to secure its border with Kenya.",
                      "REQUEST", UN, "United Nations", SOMALIA, "Somalia", "called on"),
                Coded("Hundreds of Swedish protesters rallied in Stockholm against arms "
                      "exports.", "PROTEST", SWEDISH_PROTESTERS, "Swedish protesters", SWEDEN,
                      "Stockholm", "rallied", place=STOCKHOLM),
            ],
        ),
    ]  # fmt: skip


def build_database(path: Path) -> Path:
    """Write the fixture articles into a fresh database at ``path``."""
    path.unlink(missing_ok=True)
    with Store(path) as store:
        store.write_batch([coded_document(a) for a in articles()])
        merge_pending(store)
    return path


# Invented one-line reports for synthetic databases: the sentence and its trigger, by type.
REPORTS = {
    "CONSULT": ("{actor} held talks with {recipient} on the river dispute.", "held talks"),
    "AID": ("{actor} sent flood relief to {recipient}.", "sent"),
    "ACCUSE": ("{actor} accused {recipient} of blocking grain convoys.", "accused"),
    "REQUEST": ("{actor} called on {recipient} to reopen the border crossing.", "called on"),
}


@dataclass(frozen=True)
class Tie:
    """One event between two actors on a day, reported in a sentence of its own."""

    actor: ActorRef
    recipient: ActorRef
    day: date
    event: str = "CONSULT"


def _report(index: int, tie: Tie) -> Article:
    template, trigger = REPORTS[tie.event]
    sentence = template.format(actor=tie.actor.name, recipient=tie.recipient.name)
    coded = Coded(sentence, tie.event, tie.actor, tie.actor.name, tie.recipient,
                  tie.recipient.name, trigger, date=tie.day)  # fmt: skip
    return Article("Test Wire", tie.day, f"Report {index}", [sentence], [coded])


# Parts of invented actor names, combined into 12 x 8 x 7 distinct names.
NAME_STARTS = ("Kar", "Vel", "Mon", "Tas", "Ori", "Dun", "Sel", "Bra", "Lum", "Zen", "Hal", "Per")
NAME_ENDS = ("ova", "esh", "ira", "und", "ello", "ar", "ith", "enna")
NAME_KINDS = ("Council", "Front", "Ministry", "Union", "Guard", "League", "Party")
# Each pair of a crowd is tied by one to this many events.
MOST_EVENTS_PER_TIE = 3
CROWD_START = date(2024, 1, 1)


def invented_actor(index: int) -> ActorRef:
    first = NAME_STARTS[index % len(NAME_STARTS)]
    end = NAME_ENDS[index // len(NAME_STARTS) % len(NAME_ENDS)]
    kind = NAME_KINDS[index // (len(NAME_STARTS) * len(NAME_ENDS)) % len(NAME_KINDS)]
    return ActorRef(f"org:invented-{index:03d}", f"{first}{end} {kind}", "", "XXX", "GOV")


def crowd_ties(actors: int, seed: int = 3) -> list[Tie]:
    """Ties among ``actors`` invented actors, a few hubs and many loners (preferential
    attachment), one to three events per pair on distinct days."""
    people = [invented_actor(i) for i in range(actors)]
    graph = nx.barabasi_albert_graph(actors, 2, seed=seed)
    types = sorted(REPORTS)
    ties = []
    for pair, (a, b) in enumerate(sorted(graph.edges())):
        for k in range(1 + (a * 7 + b) % MOST_EVENTS_PER_TIE):
            day = CROWD_START + timedelta(days=(pair + k * 17) % 360)
            ties.append(Tie(people[a], people[b], day, types[pair % len(types)]))
    return ties


def build_ties_database(path: Path, ties: Sequence[Tie]) -> Path:
    """A fresh database at ``path`` holding one reported event per tie."""
    path.unlink(missing_ok=True)
    with Store(path) as store:
        store.write_batch([coded_document(_report(i, t)) for i, t in enumerate(ties)])
        merge_pending(store)
    return path
