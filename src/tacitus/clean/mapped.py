"""Text that remembers, for every character, where it came from in the raw input.

Each cleaning step reads a ``MappedText`` and writes a new one through a
``TextBuilder``; because every appended character carries its raw offset, the
final text's ``OffsetMap`` is exact by construction rather than reconstructed.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from tacitus.records import OffsetMap


@dataclass(slots=True)
class MappedText:
    """``offsets[i]`` is the raw offset of ``text[i]``."""

    text: str
    offsets: array

    @classmethod
    def identity(cls, text: str, start: int = 0) -> MappedText:
        return cls(text, array("l", range(start, start + len(text))))

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.offsets[start:end])

    def raw_at(self, index: int, default: int = 0) -> int:
        """Raw offset of ``text[index]``, or of the nearest preceding character."""
        if not self.offsets:
            return default
        return self.offsets[min(max(index, 0), len(self.offsets) - 1)]

    def to_offset_map(self, raw_length: int) -> OffsetMap:
        end = self.offsets[-1] + 1 if self.offsets else 0
        return OffsetMap(array("l", [*self.offsets, min(end, raw_length)]))


class TextBuilder:
    """Appends characters together with the raw offset each one stands for."""

    __slots__ = ("_offsets", "_parts")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._offsets = array("l")

    def append(self, chars: str, raw_offset: int) -> None:
        """Append ``chars`` (possibly several, e.g. an expansion), all mapped to one offset."""
        self._parts.append(chars)
        self._offsets.extend([raw_offset] * len(chars))

    def extend(self, source: MappedText, start: int = 0, end: int | None = None) -> None:
        """Copy ``source[start:end]`` with its own offsets."""
        stop = len(source.text) if end is None else end
        self._parts.append(source.text[start:stop])
        self._offsets.extend(source.offsets[start:stop])

    def extend_mapped(self, chars: str, offsets: Iterable[int]) -> None:
        self._parts.append(chars)
        self._offsets.extend(offsets)

    def endswith(self, char: str) -> bool:
        for part in reversed(self._parts):
            if part:
                return part.endswith(char)
        return False

    def last_offset(self, default: int = 0) -> int:
        return self._offsets[-1] if self._offsets else default

    def __len__(self) -> int:
        return len(self._offsets)

    def build(self) -> MappedText:
        text = "".join(self._parts)
        if len(text) != len(self._offsets):
            raise AssertionError("text and offsets out of step")
        return MappedText(text, self._offsets)
