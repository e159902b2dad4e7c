"""Clean stage: Unicode hygiene, boilerplate removal, dating, language, duplicates."""

from tacitus.clean.dedup import DuplicateIndex
from tacitus.clean.describe import describe
from tacitus.clean.document import clean_document, clean_item

__all__ = ["DuplicateIndex", "clean_document", "clean_item", "describe"]
