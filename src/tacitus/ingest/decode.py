"""Bytes to text: BOMs, UTF-8, mixed UTF-8/cp1252, legacy code pages; binary refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

# Share of control bytes (other than tab, newlines, form feed) above which
# the input is binary rather than text in some single-byte code page.
BINARY_CONTROL_SHARE = 0.02
SNIFF_BYTES = 65536
# How much messier than the detector's pick a Windows-1252 reading may be.
CP1252_MESS_TOLERANCE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


class UndecodableError(ValueError):
    """The bytes are not text we can read; the message is the one-line reason."""


def decode_bytes(data: bytes) -> str:
    """Decoded text; raises ``UndecodableError`` with a reason otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableError(f"invalid {encoding} after its byte-order mark") from error
    _refuse_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        # Mostly UTF-8 with stray legacy bytes: keep the UTF-8, read the rest as cp1252.
        return data.decode("utf-8", errors="tacitus-cp1252")
    return _legacy(data)


def _legacy(data: bytes) -> str:
    """A single-byte code page: Windows-1252 unless it reads as garbage and another does not.

    Detectors often pick a rarer code page that decodes the same bytes equally
    cleanly (cp775 for English with curly quotes); for English news the common
    one is the right guess whenever it reads cleanly.
    """
    best = from_bytes(data).best()
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        best_mess = best.chaos if best is not None else 1.0
        if mess_ratio(western) <= best_mess + CP1252_MESS_TOLERANCE:
            return western
    if best is None:
        raise UndecodableError("cannot detect the text encoding")
    return str(best)


def _refuse_binary(data: bytes) -> None:
    sample = data[:SNIFF_BYTES]
    if b"\x00" in sample:
        raise UndecodableError("binary content (NUL bytes), not text")
    if sample and len(_CONTROL.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE:
        raise UndecodableError("binary content (control bytes), not text")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error("tacitus-cp1252", _cp1252_fallback)
