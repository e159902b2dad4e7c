"""Is a text English?  Declared languages first, then words, then lingua with a confidence.

Most input is plainly English, and lingua's time grows with the text and the number of
languages it weighs, so text dense in English function words is taken as English at once.
A paragraph goes to lingua's fast detector over all languages.  A headline or a single
sentence is too short for that detector (it reads "Iran's foreign minister met Hamas leader
Ismail Haniyeh in Doha" as Tagalog): it goes to the accurate models of the languages news
is mostly written in, and is refused only when another language is clearly more likely.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# About a paragraph: enough to identify a language reliably, and the detector's
# time grows with the text (10 ms for 3,000 characters, 4 ms for 600).
SAMPLE_CHARS = 600
# Function words frequent in any English prose and absent from other languages.
ENGLISH_MARKERS = frozenset(
    [
        "the",
        "of",
        "and",
        "that",
        "with",
        "were",
        "has",
        "have",
        "which",
        "from",
        "been",
        "their",
        "said",
        "would",
        "this",
    ]
)
# Share of those words in English news is about 0.18 (0.05 at the lowest, in a
# list-like opening); in other languages it is near zero.
ENGLISH_MARKER_SHARE = 0.08
_WORD = re.compile(r"[^\W\d_]+")
# Texts with fewer words are judged by the accurate models of NEWS_LANGUAGES.
SHORT_TEXT_WORDS = 20
# A short text is refused only when another language is at least this likely.
SHORT_TEXT_MIN_CONFIDENCE = 0.5
NEWS_LANGUAGES = (
    *("ENGLISH", "SPANISH", "FRENCH", "GERMAN", "PORTUGUESE", "ITALIAN", "DUTCH", "RUSSIAN"),
    *("UKRAINIAN", "POLISH", "ARABIC", "PERSIAN", "TURKISH", "HEBREW", "URDU", "HINDI"),
    *("CHINESE", "JAPANESE", "KOREAN", "INDONESIAN", "TAGALOG", "SWAHILI"),
)
ENGLISH_NAMES = frozenset({"en", "eng", "english"})


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    # Low-accuracy mode needs a fraction of the memory and start-up time of
    # the full models and is reliable on paragraph-length text.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


@lru_cache(maxsize=1)
def short_text_detector() -> LanguageDetector:
    languages = [getattr(Language, name) for name in NEWS_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def language_problem(text: str, declared: str | None = None) -> str | None:
    """Why ``text`` cannot be coded as English, or None when it can."""
    if declared:
        if declared.strip().lower() in ENGLISH_NAMES:
            return None
        return f"not English (declared {declared!r})"
    sample = text[:SAMPLE_CHARS]
    if plainly_english(sample):
        return None
    if len(_WORD.findall(sample)) >= SHORT_TEXT_WORDS:
        found = detector().detect_language_of(sample)
        if found is None:
            return "language could not be identified"
        return None if found == Language.ENGLISH else f"not English (detected {_name(found)})"
    ranked = short_text_detector().compute_language_confidence_values(sample)
    top = ranked[0] if ranked else None
    if top is None or top.language == Language.ENGLISH or top.value < SHORT_TEXT_MIN_CONFIDENCE:
        return None
    return f"not English (detected {_name(top.language)}, confidence {top.value:.2f})"


def _name(language: Language) -> str:
    return language.name.title()


def plainly_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    markers = sum(word in ENGLISH_MARKERS for word in words)
    return bool(words) and markers / len(words) >= ENGLISH_MARKER_SHARE
