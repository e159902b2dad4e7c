"""Dyads: who acts on whom, read from the dependency parse rather than from word order.

The functions here answer three questions about a trigger token: which token does the act
(``subject_of``, following passives, coordination, control verbs, relative and participial
clauses), which actors a noun phrase names (``ActorIndex.phrase``, following appositions,
modifiers, ``of`` complements, conjuncts and pronouns), and which phrases receive the act.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from tacitus.events.lexicon import Grammar
from tacitus.parse.labels import ACTIVE_SUBJECTS, NOMINAL_SUBJECTS, NOUNS, SUBJECTS, THEMES, VERBAL
from tacitus.records import ActorMention, ref_key

# Relations, best first, through which a noun phrase names its actor: "Hamas' chief, Ismail
# Haniyeh" (appos), "Iranian president" (amod), "Israel's army" (poss), "head of Hamas" (of).
PHRASE_DEPS = ("appos", "compound", "poss", "amod", "nmod", "npadvmod", "nummod")
OWNER_DEPS = ("amod", "compound", "nmod", "poss")
PHRASE_PREPS = frozenset({"of", "from", "for", "including", "by"})
# Place prepositions name an actor only right at the head: "rebels in the Ivory Coast".
LOCATIVE_PREPS = frozenset({"in", "within", "inside", "near", "throughout", "across"})
MAX_PHRASE_DEPTH = 3
# People named by their tie to someone ("her husband", "his neighbour") are not that someone,
# as "its army" or "their leader" stand for their owner.
KIN_NOUNS = frozenset({
    "husband", "wife", "son", "daughter", "father", "mother", "brother", "sister", "child",
    "parent", "relative", "uncle", "aunt", "cousin", "nephew", "niece", "stepfather",
    "stepmother", "fiance", "partner", "boyfriend", "girlfriend", "friend", "neighbour",
    "neighbor", "employer", "landlord", "tenant", "servant", "maid",
})  # fmt: skip
PERSONAL_PRONOUNS = frozenset(
    {
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "him",
        "her",
        "them",
        "us",
        "me",
        "its",
        "their",
        "his",
        "our",
        "my",
    }
)
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
UNNAMED_METHODS = frozenset({"generic", "coref"})
CLAUSE_BREAKS = frozenset({"ccomp", "advcl", "relcl", "parataxis"})
# Prepositions of manner whose gerund the governing verb's subject does; not "accused X of".
MANNER_PREPS = frozenset({"in", "by", "through", "without"})
# Prepositions through which a journey names its purpose ("flew in for talks", "is on a visit").
TRAVEL_PREPS = frozenset({"for", "on"})
# Prepositions through which a verb names its means ("killed in/by/with a strike").
INSTRUMENT_PREPS = ("by", "in", "with", "during", "from")


def is_passive(verb: Token) -> bool:
    if any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children):
        return True
    # "a camp attacked by militiamen": a past participle modifying a noun is passive, and
    # so is a bare one opening a clause ("when asked about the talks, the Kremlin said").
    if verb.tag_ != "VBN":
        return False
    return verb.dep_ == "acl" or (
        verb.dep_ == "advcl"
        and not any(c.dep_ == "aux" or c.dep_ in SUBJECTS for c in verb.children)
    )


def agent_of_passive(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
    return None


def patient_of_passive(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return _relative_head(child, verb)
    if verb.dep_ == "acl":
        return verb.head
    if verb.dep_ == "advcl" and verb.head.pos_ in VERBAL:
        return next((c for c in verb.head.children if c.dep_ in SUBJECTS), None)
    if verb.dep_ == "conj" and verb.head.pos_ in VERBAL:
        return patient_of_passive(verb.head)
    return None


def subject_of(verb: Token, object_control: frozenset[str]) -> Token | None:
    """The token that does ``verb`` (the by-agent of a passive)."""
    if is_passive(verb):
        return agent_of_passive(verb)
    for child in verb.children:
        if child.dep_ in ACTIVE_SUBJECTS:
            return _relative_head(child, verb)
    head = verb.head
    if head == verb:
        return None
    if verb.dep_ == "conj" and head.pos_ in VERBAL:
        return subject_of(head, object_control)
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in object_control:
            controller = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
            if controller is not None:
                return controller
        if is_passive(head) and agent_of_passive(head) is None:
            # "Britain is expected to expel", "Iran was urged to release": the passive's
            # subject does the complement.
            return patient_of_passive(head)
        return subject_of(head, object_control)
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    if verb.dep_ in ("advcl", "pcomp") and head.pos_ in VERBAL:
        return subject_of(head, object_control)
    if verb.dep_ == "pcomp" and head.lower_ in MANNER_PREPS and head.head.pos_ in VERBAL:
        # "joined Britain in imposing sanctions", "responded by shelling the town".
        return subject_of(head.head, object_control)
    if verb.dep_ in ("acomp", "ccomp") and verb.pos_ not in VERBAL and head.pos_ in VERBAL:
        return subject_of(head, object_control)
    return None


def _relative_head(subject: Token, verb: Token) -> Token:
    """'the group, which fired' -> 'group'."""
    if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


def clause_tokens(verb: Token) -> list[Token]:
    """The verb's own clause: its subtree without coordinated or embedded clauses."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in CLAUSE_BREAKS or (child.dep_ == "conj" and child.pos_ in VERBAL):
            continue
        tokens += clause_tokens(child) if child.pos_ in VERBAL else list(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause a non-verbal trigger belongs to."""
    current = token
    while current.head != current:
        current = current.head
        if current.pos_ in VERBAL:
            return current
    return current if current.pos_ in VERBAL else None


def verb_objects(verb: Token) -> list[Token]:
    """The verb's dative and direct objects, the dative first ("gave Kenya the loan")."""
    objects = [c for c in verb.children if c.dep_ in ("dative", "dobj")]
    return sorted(objects, key=lambda c: (c.dep_ != "dative", c.i))


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of ``token``'s prepositions, in the order of ``preps``."""
    wanted = list(preps)
    found: list[tuple[int, int, Token]] = []
    for child in token.children:
        if child.dep_ not in ("prep", "agent", "dative") or child.lemma_.lower() not in wanted:
            continue
        for obj in child.children:
            if obj.dep_ in ("pobj", "pcomp"):
                found.append((wanted.index(child.lemma_.lower()), obj.i, obj))
    return [obj for _, _, obj in sorted(found, key=lambda item: item[:2])]


def actor_key(mention: ActorMention | None) -> str:
    """Who a mention names: two mentions of one actor share it."""
    return ref_key(mention.ref if mention is not None else None)


def prepositional_objects(token: Token) -> list[Token]:
    """Objects of all of ``token``'s prepositions, in sentence order."""
    return [
        obj
        for child in token.children
        if child.dep_ == "prep"
        for obj in child.children
        if obj.dep_ == "pobj"
    ]


def participle_agents(noun: Token) -> list[Token]:
    """Who did what a noun names: "crimes committed by X", "the raid carried out by Y"."""
    return [
        agent
        for child in noun.children
        if child.dep_ == "acl" and child.tag_ == "VBN"
        if (agent := agent_of_passive(child)) is not None
    ]


def purpose_clauses(verb: Token) -> list[Token]:
    """Infinitive adjuncts saying what ``verb`` was done for ("fired to disperse")."""
    return [
        child
        for child in verb.children
        if child.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    ]


def means_nouns(token: Token, means: frozenset[str]) -> list[Token]:
    """Nouns among ``means`` that say how a verb's act was done: its subject ("a roadside
    bombing killed") or an instrument ("killed in an air strike")."""
    if token.pos_ not in VERBAL:
        return []
    found = [c for c in token.children if c.dep_ in NOMINAL_SUBJECTS]
    found += prep_objects(token, INSTRUMENT_PREPS)
    return [noun for noun in found if noun.pos_ in NOUNS and noun.lemma_.lower() in means]


def measured(noun: Token, grammar: Grammar) -> Token:
    """The quantity a noun is counted in, standing for it: "a wave of air strikes",
    "ten days of war games", "a new round of talks" (else the noun itself)."""
    current = noun
    while current.dep_ == "conj" and current.head.pos_ in NOUNS:
        current = current.head
    owner = current.head.head
    if (
        current.dep_ == "pobj"
        and current.head.lower_ == "of"
        and owner.pos_ in NOUNS
        and owner.lemma_.lower() in grammar.measure_nouns
    ):
        return measured(owner, grammar)
    return current


def governing_verb(noun: Token, grammar: Grammar) -> Token | None:
    """The verb whose subject does the noun's event: a light verb, or a framing preposition."""
    current = measured(noun, grammar)
    head = current.head
    if current.dep_ in THEMES and head.pos_ in VERBAL:
        return head if head.lemma_.lower() in grammar.light_verbs else None
    if current.dep_ != "pobj":
        return None
    owner = head.head
    if owner.lemma_.lower() in grammar.carrier_nouns and owner.head.pos_ in VERBAL:
        # "denied any involvement in the attack", "claimed responsibility for the attack"
        return owner.head if owner.dep_ in ("dobj", "attr", "nsubjpass") else None
    if head.lemma_.lower() in grammar.event_preps and owner.pos_ in VERBAL:
        return owner
    if head.lemma_.lower() in TRAVEL_PREPS and owner.lemma_.lower() in grammar.travel_verbs:
        return owner
    return None


class ActorIndex:
    """The actor mentions of one document, looked up by token."""

    def __init__(self, mentions: Sequence[ActorMention], groups: bool = False) -> None:
        self.mentions = mentions
        self.by_token: dict[int, ActorMention] = {}
        self.reporters: list[ActorMention] = []
        self._with_groups: ActorIndex | None = self if groups else None
        # Pronouns whose antecedent is being looked for: "its" in a phrase that leads
        # back to the same pronoun (a loop in a bad parse) has none.
        self._resolving: set[int] = set()
        for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            if mention.role == "reporter":
                self.reporters.append(mention)
                continue
            if (
                mention.ref.code is None
                and mention.method in UNNAMED_METHODS
                and not (groups and _group(mention))
            ):
                # PLOVER codes only named actors: not "officials", nor a "he" left unresolved.
                continue
            for index in range(mention.start, mention.end):
                self.by_token.setdefault(index, mention)

    def with_groups(self) -> ActorIndex:
        """This index with unnamed groups ("rebels", "workers") that have no country."""
        if self._with_groups is None:
            self._with_groups = ActorIndex(self.mentions, groups=True)
        return self._with_groups

    def at(self, token: Token) -> ActorMention | None:
        return self.by_token.get(token.i)

    def reporters_in(self, sent: Span) -> list[ActorMention]:
        return [m for m in self.reporters if sent.start <= m.start < sent.end]

    def phrase(
        self, head: Token | None, deep: bool = True, locative: bool = True
    ) -> list[ActorMention]:
        """The actors a noun phrase names, one per coordinated member; ``locative`` lets a
        place right at the head name them ("rebels in Chad"), not so for "a deal in Paris"."""
        if head is None:
            return []
        found: list[ActorMention] = []
        for member in (head, *_later_conjuncts(head)):
            found += self._one(member, deep, locative)
        return _unique(found)

    def _one(self, head: Token, deep: bool, locative: bool) -> list[ActorMention]:
        mention = self.at(head)
        if mention is not None:
            if shared := self._coordinated_owners(head, mention):
                return shared
            named = self._named_apposition(head, mention) if deep else []
            if named:
                return named
            if mention.ref.code is None and deep:
                # "U.N. mediator Diego Cordovez": a coded modifier beats an uncoded name.
                coded = [m for m in self._search(head, locative, mention) if m.ref.code]
                return coded or [mention]
            return [mention]
        if head.lower_ in PERSONAL_PRONOUNS:
            return self.antecedent(head)
        if not deep:
            return []
        return self._search(head, locative)

    def _coordinated_owners(self, head: Token, mention: ActorMention) -> list[ActorMention]:
        """'Israeli and Palestinian officials': a group of each of the coordinated owners."""
        if mention.method not in UNNAMED_METHODS:
            return []
        for child in head.children:
            owner = self.at(child) if child.dep_ in OWNER_DEPS and child.i < mention.start else None
            others = [m for c in child.conjuncts if (m := self.at(c)) is not None]
            if owner is not None and others:
                return [
                    replace(m, ref=replace(m.ref, sector=mention.ref.sector))
                    for m in _unique([owner, *others])
                ]
        return []

    def _named_apposition(self, head: Token, mention: ActorMention) -> list[ActorMention]:
        """'the Iranian foreign minister, Hossein Amir-Abdollahian': a name in apposition
        beats the title it explains."""
        if mention.method not in UNNAMED_METHODS:
            return []
        for child in head.children:
            named = self.at(child)
            if child.dep_ == "appos" and named is not None and named.method not in UNNAMED_METHODS:
                return [named]
        return []

    def _search(
        self, head: Token, locative: bool, skip: ActorMention | None = None
    ) -> list[ActorMention]:
        """The nearest actor named inside a noun phrase, breadth first."""
        frontier = [head]
        pronoun: Token | None = None
        for depth in range(MAX_PHRASE_DEPTH):
            following: list[Token] = []
            for token in frontier:
                for child in _phrase_children(token, locative and depth == 0):
                    mention = self.at(child)
                    if mention is not None and mention == skip:
                        following.append(child)
                        continue
                    if mention is None and depth == 0 and _possessive_pronoun(child):
                        pronoun = child
                    if mention is None:
                        following.append(child)
                        continue
                    # The best-placed name wins; its coordinated names come with it.
                    others = [m for c in child.conjuncts if (m := self.at(c)) is not None]
                    return _unique([mention, *others])
            if (
                depth == 0
                and pronoun is not None
                and head.lemma_.lower() not in KIN_NOUNS
                and (owners := self.antecedent(pronoun))
            ):
                # "its forces", "their leader": the owner named earlier, unless the phrase
                # names its own ("his Russian counterpart").
                return owners
            frontier = following
        return []

    def antecedent(self, pronoun: Token) -> list[ActorMention]:
        """A pronoun's actor: the subject of the nearest clause above it, else the last
        sentence's subject.  Inside a direct quote only "I"/"we" point at the speaker."""
        if pronoun.i in self._resolving:
            return []
        self._resolving.add(pronoun.i)
        try:
            return self._antecedent(pronoun)
        finally:
            self._resolving.discard(pronoun.i)

    def _antecedent(self, pronoun: Token) -> list[ActorMention]:
        for ancestor in pronoun.ancestors:
            if ancestor.pos_ not in VERBAL:
                continue
            subjects = [
                child
                for child in ancestor.children
                if child.dep_ in SUBJECTS and pronoun not in child.subtree
            ]
            if not subjects:
                continue
            if _is_pronoun(subjects[0]) or (
                pronoun.lower_ not in FIRST_PERSON and _quoted_between(ancestor, pronoun)
            ):
                return []
            return self.phrase(subjects[0])
        sent = pronoun.sent
        if sent.start == 0:
            return []
        previous = pronoun.doc[sent.start - 1].sent
        subject = next(
            (t for t in previous if t.dep_ in ACTIVE_SUBJECTS and t.head == previous.root), None
        )
        if subject is None or _is_pronoun(subject):
            return []
        return self.phrase(subject)


def _group(mention: ActorMention) -> bool:
    return mention.method == "generic" and mention.ref.sector is not None


def _possessive_pronoun(token: Token) -> bool:
    return token.dep_ == "poss" and token.lower_ in PERSONAL_PRONOUNS


def _quoted_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    # A possessive apostrophe ("Hamas' attack") is tokenised as a quote mark too.
    return any(token.is_quote and token.dep_ != "case" for token in a.doc[low:high])


def _is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.lower_ in PERSONAL_PRONOUNS


def _later_conjuncts(token: Token) -> list[Token]:
    return [conj for conj in token.conjuncts if conj.i > token.i]


def _phrase_children(token: Token, locative: bool) -> list[Token]:
    children: list[Token] = []
    for dep in PHRASE_DEPS:
        children += [child for child in token.children if child.dep_ == dep]
    preps = PHRASE_PREPS | LOCATIVE_PREPS if locative else PHRASE_PREPS
    for child in token.children:
        if child.dep_ == "prep" and child.lemma_.lower() in preps:
            children += [obj for obj in child.children if obj.dep_ == "pobj"]
    return children


def _unique(mentions: Iterable[ActorMention]) -> list[ActorMention]:
    seen: set[tuple[int, int]] = set()
    unique: list[ActorMention] = []
    for mention in mentions:
        if (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            unique.append(mention)
    return unique
