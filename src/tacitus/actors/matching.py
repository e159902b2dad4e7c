"""Finding knowledge-base names in a parsed document.

Spans are tried only where a token's key starts some alias (blocking), then
matched on the light form (exact), on the transliteration key confirmed by a
similarity score (key), or, for spaCy name entities nothing else matched, by
fuzzy similarity within a block of aliases sharing the first letters (fuzzy).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from tacitus.actors.kb import AliasEntry, KnowledgeBase
from tacitus.actors.normalize import light, name_key, word_key
from tacitus.parse import tokens

# A key match must also look alike: "Ghaani"/"Qaani" pass, "Raisi"/"Rosa" do not.
KEY_MIN_SIMILARITY = 70.0
# Names this short match only as written: one letter more or less is another name
# ("Kano", the city, is not "Kan", the broadcaster).
KEY_MIN_LENGTH = 5
# A spaCy name entity matches an alias it was not written as above this score.
FUZZY_MIN_SIMILARITY = 88.0
# Letters at the end of a nationality a spelling variant must keep.
DEMONYM_SUFFIX = 2
# Longest parenthetical inside a name that is skipped: "Qods (Quds) Force".
PAREN_MAX_TOKENS = 4
# Distinct candidate surfaces remembered with their knowledge-base matches.
MATCH_CACHE_SIZE = 65536
# Entity labels whose text may be a knowledge-base name.
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "WORK_OF_ART", "PRODUCT"})
NAME_TAGS = frozenset({"PROPN", "NOUN", "ADJ", "X"})
JOINERS = frozenset({"-", "'", "’", ".", "&", "/"})
# Lower-case words up to this length may vanish from a name's light form (the Arabic
# article "al"), so only longer ones can show that no name runs through them.
PARTICLE_MAX_LETTERS = 3


@dataclass(slots=True)
class Hit:
    """A span of tokens naming knowledge-base actors (several when ambiguous)."""

    start: int
    end: int
    entries: list[AliasEntry]
    method: str

    @property
    def actor_ids(self) -> list[str]:
        return list(dict.fromkeys(e.actor_id for e in self.entries))


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _name_like(token: Token, method: str) -> bool:
    """A one-word match must be tagged as a name ("This" is not Thailand)."""
    if method == "key":
        return token.pos_ == "PROPN"
    return token.pos_ in NAME_TAGS


def _acronym_ok(entry: AliasEntry, surface: str) -> bool:
    return not entry.acronym or surface.replace(".", "").strip() == entry.surface.replace(".", "")


def _closing_paren(doc: Doc, at: int) -> int | None:
    toks = tokens(doc)
    for j in range(at + 1, min(at + PAREN_MAX_TOKENS + 2, len(doc))):
        if toks[j].text == ")":
            return j
    return None


# Names recur from article to article, and a surface always matches the same way.
@lru_cache(maxsize=MATCH_CACHE_SIZE)
def _match_text(surface: str, kb: KnowledgeBase) -> tuple[list[AliasEntry], str] | None:
    """Entries for one candidate surface: exact light form first, then the key."""
    exact = [e for e in kb.lookup(surface) if _acronym_ok(e, surface)]
    if exact:
        return exact, "alias"
    light_form = light(surface)
    if len(light_form) < KEY_MIN_LENGTH:
        return None
    scored = [
        (fuzz.ratio(light_form, e.light), e)
        for e in kb.lookup_key(name_key(surface))
        if not e.acronym
    ]
    scored = [
        (s, e)
        for s, e in scored
        if s >= KEY_MIN_SIMILARITY and (e.role != "demonym" or _same_ending(light_form, e.light))
    ]
    if not scored:
        return None
    best = max(s for s, _ in scored)
    return [e for s, e in scored if s == best], "key"


def _same_ending(text: str, alias: str) -> bool:
    """A misspelt nationality keeps its suffix ("Ethopian"); "Maulana" is not "Malian"."""
    return text[-DEMONYM_SUFFIX:] == alias[-DEMONYM_SUFFIX:]


def _match_at(doc: Doc, start: int, kb: KnowledgeBase) -> Hit | None:
    """The longest alias starting at token ``start``."""
    parts: list[str] = []
    words = 0
    best: Hit | None = None
    at = start
    toks = tokens(doc)
    while at < len(toks) and words < kb.max_words:
        token = toks[at]
        if token.text == "(" and words:
            close = _closing_paren(doc, at)
            if close is None:
                break
            at = close + 1
            continue
        if (token.is_punct and token.text not in JOINERS) or token.is_space:
            break
        if words and _in_no_name(token, kb):
            break
        parts.append(token.text_with_ws)
        if _wordlike(token) or token.is_digit:
            words += 1
            # A one-word name must be capitalised; "Zionist regime" may end in lower case.
            found = (
                _match_text("".join(parts).strip(), kb)
                if words > 1 or _capitalised(token)
                else None
            )
            if found and (words > 1 or _name_like(token, found[1])):
                best = Hit(start, at + 1, found[0], found[1])
        at += 1
    return best


def _in_no_name(token: Token, kb: KnowledgeBase) -> bool:
    """A lower-case word that no name has ("Iran [said]"): no longer match runs through it."""
    return (
        token.is_lower
        and token.is_alpha
        and len(token) > PARTICLE_MAX_LETTERS
        and word_key(light(token.text)) not in kb.word_keys
    )


def find_hits(doc: Doc, kb: KnowledgeBase) -> list[Hit]:
    """Non-overlapping knowledge-base names, longest first at each position."""
    hits: list[Hit] = []
    at = 0
    toks = tokens(doc)
    while at < len(toks):
        token = toks[at]
        hit = _match_at(doc, at, kb) if _may_start(token, kb) else None
        if hit is None:
            at += 1
            continue
        later = _reaching_further(doc, hit, kb)
        if later is not None:
            at = later
            continue
        hits.append(_with_parenthetical(doc, hit, kb))
        at = hits[-1].end
    return hits


def _wordlike(token: Token) -> bool:
    """A word, or an acronym written with stops ("U.N.", "U.S.")."""
    return token.is_alpha or (len(token) > 1 and token.text.replace(".", "").isalpha())


def _may_start(token: Token, kb: KnowledgeBase) -> bool:
    """Blocking: only tokens that begin some alias start a match."""
    if not _wordlike(token):
        return False
    if _capitalised(token):
        return word_key(light(token.text)) in kb.first_keys
    return token.lower_ in kb.lowercase_starts


def _reaching_further(doc: Doc, hit: Hit, kb: KnowledgeBase) -> int | None:
    """A start inside the hit whose name ends beyond it ("Emir [Tamim bin Hamad Al Thani]")."""
    for token in tokens(doc)[hit.start + 1 : hit.end]:
        at = token.i
        if _may_start(token, kb):
            other = _match_at(doc, at, kb)
            if other is not None and other.end > hit.end:
                return at
    return None


def _with_parenthetical(doc: Doc, hit: Hit, kb: KnowledgeBase) -> Hit:
    """Extend "Esmail Ghaani (Qaani)" over a bracketed variant of the same name."""
    if hit.end >= len(doc) or doc[hit.end].text != "(":
        return hit
    close = _closing_paren(doc, hit.end)
    if close is None:
        return hit
    inner = doc[hit.end + 1 : close].text
    found = _match_text(inner, kb) if inner else None
    if found and {e.actor_id for e in found[0]} & set(hit.actor_ids):
        return Hit(hit.start, close + 1, hit.entries, hit.method)
    return hit


def fuzzy_match(span: Span, kb: KnowledgeBase) -> list[AliasEntry]:
    """Aliases that look like a name entity nothing matched exactly ("Hizbolla")."""
    light_form = light(span.text)
    if len(light_form) < 5:
        return []
    scored = [(fuzz.ratio(light_form, e.light), e) for e in kb.fuzzy_candidates(light_form)]
    scored = [(s, e) for s, e in scored if s >= FUZZY_MIN_SIMILARITY]
    if not scored:
        return []
    best = max(s for s, _ in scored)
    return [e for s, e in scored if s == best]
