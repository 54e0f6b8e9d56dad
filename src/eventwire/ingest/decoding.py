"""Bytes -> text, or a clear refusal.

Order of trust: a byte-order mark; valid UTF-8 (by far the most common on the web, and a random
non-UTF-8 text almost never decodes as UTF-8 by accident); the charset the document declares itself
(HTML <meta charset>, XML declaration, HTTP header) when the bytes decode under it; finally
charset-normalizer's guess. The guess is accepted only when its "chaos" (share of implausible characters)
is at most MAX_CHAOS; above that the text is rejected as "not valid in any plausible encoding" rather
than passed on as mojibake that would poison every later stage.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from eventwire.ingest.streams import InputProblem

# charset-normalizer's own default threshold is 0.2; we allow a little less noise than that because a
# wrong guess costs more downstream than a rejected file the user can re-encode.
MAX_CHAOS = 0.15
# Control characters other than tab/newline/carriage return/form feed: a text file has (almost) none.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def looks_binary(head: bytes) -> bool:
    """True for data that is not text in any 8-bit or UTF-8 encoding (images, archives, random bytes)."""
    if not head or bom_encoding(head) in {"utf-16", "utf-32"}:
        return False
    return len(_CONTROL.findall(head)) > max(1, len(head) * _MAX_CONTROL_SHARE)


def declared_charset(head: bytes) -> str | None:
    match = _DECLARED.search(head[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a whole document; raises InputProblem when no plausible encoding fits."""
    bom = bom_encoding(data)
    if bom:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as error:
            reason = f"starts with a {bom} byte-order mark but is not valid {bom}: {error}"
            raise InputProblem(reason) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (declared, declared_charset(data)):
        if name and codecs.lookup(name).name not in {"utf-8", "ascii"}:
            try:
                return data.decode(name)
            except (UnicodeDecodeError, LookupError):
                pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise InputProblem("text is not valid UTF-8 and not plausible in any other encoding")
    return str(best)
