"""The actor word lists (``data/lexicon.yaml``) in the shapes the resolver looks up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tacitus.actors.loading import read_yaml
from tacitus.actors.models import AgentsFile, LexiconFile, SectorNoun, Title
from tacitus.actors.normalize import light

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.yaml"
AGENTS_PATH = Path(__file__).parent / "data" / "agents.yaml"
# Words that may stand between a title and a name without ending the title.
TITLE_FILLERS = frozenset({"former", "acting", "top", "senior", "late", "then", "current", "new"})
# Words inside titles ("minister of foreign affairs") that never start or extend one.
FUNCTION_WORDS = frozenset({"of", "the", "for", "to", "in", "and", "on", "a"})


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title found in text: its canonical form, sector and whether it is a rank."""

    key: str
    sector: str | None
    rank: bool
    broader: tuple[str, ...] = ()


class Lexicon:
    """Lookups over the word lists: sector nouns, titles, place and verb lists."""

    def __init__(self, data: LexiconFile, agents: AgentsFile | None = None) -> None:
        self.titles: dict[str, TitleMatch] = {}
        for key, title in data.titles.items():
            self._add_title(key, key, title)
            for alias in title.aliases:
                self._add_title(alias, key, title)
        self.group_nouns = frozenset(data.group_nouns)
        # The hand-made list wins over the derived one, and a title over a derived noun; so
        # does a group noun, which refers back to the group named before ("Hamas, a
        # terrorist organization").
        derived = {light(k): v for k, v in (agents.sector_nouns if agents else {}).items()}
        self.sector_nouns: dict[str, SectorNoun] = {
            k: v
            for k, v in derived.items()
            if k not in self.titles and k.split()[-1] not in self.group_nouns
        } | {light(k): v for k, v in data.sector_nouns.items()}
        self.honorifics = frozenset(light(h) for h in data.honorifics)
        self.place_words = frozenset(data.place_words)
        self.region_words = frozenset(data.region_words)
        self.place_nouns = frozenset(data.place_nouns)
        self.location_prepositions = frozenset(data.location_prepositions)
        self.motion_verbs = frozenset(data.motion_verbs)
        self.reporting_verbs = frozenset(data.reporting_verbs)
        self.media_nouns = frozenset(data.media_nouns)
        self.pronouns = frozenset(data.pronouns)
        self.max_phrase_words = max(len(k.split()) for k in [*self.titles, *self.sector_nouns])
        # Last words of titles and sector nouns: a phrase can only end on one of them.
        self.phrase_ends = frozenset(k.split()[-1] for k in [*self.titles, *self.sector_nouns])
        # Every word of a title or sector noun: only runs of these can make a phrase.
        self.phrase_words = frozenset(
            w for k in [*self.titles, *self.sector_nouns] for w in k.split()
        )
        # Every word that may belong to a title or honorific before a name.
        self.title_words = frozenset(
            word
            for phrase in [*self.titles, *self.honorifics, *TITLE_FILLERS]
            for word in phrase.split()
            if word not in FUNCTION_WORDS
        )

    def _add_title(self, surface: str, key: str, title: Title) -> None:
        broader = tuple(light(b) for b in title.broader)
        self.titles[light(surface)] = TitleMatch(light(key), title.sector, title.rank, broader)

    def title(self, text: str) -> TitleMatch | None:
        return self.titles.get(light(text))

    def sector_noun(self, text: str) -> SectorNoun | None:
        return self.sector_nouns.get(light(text))

    def title_keys_in(self, text: str) -> set[str]:
        """Canonical titles of an office title: its leftmost-longest title and broader ones.

        "Adviser to the Supreme Leader" is an adviser, not a supreme leader.
        """
        words = light(text).split()
        for at in range(len(words)):
            for size in range(min(self.max_phrase_words, len(words) - at), 0, -1):
                match = self.titles.get(" ".join(words[at : at + size]))
                if match:
                    return {match.key, *match.broader}
        return set()


def load_lexicon(path: Path = LEXICON_PATH, agents: Path | None = AGENTS_PATH) -> Lexicon:
    derived = read_yaml(agents, AgentsFile) if agents is not None else None
    return Lexicon(read_yaml(path, LexiconFile), derived)
