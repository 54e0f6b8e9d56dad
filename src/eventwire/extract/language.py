"""A small stopword-based language guess for texts that do not declare their language."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from eventwire.extract.rules import load_data

_WORD = re.compile(r"[^\W\d_]+")
_DECLARED = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*$")


@cache
def _table() -> tuple[dict[str, frozenset[str]], float, float, int]:
    data = load_data("stopwords.yaml")
    languages = {code: frozenset(words) for code, words in data["languages"].items()}
    return languages, data["min_share"], data["min_lead"], data["min_words"]


def normalise_language(code: str | None) -> str | None:
    """'en-US', 'EN_gb', 'fr' -> ISO 639-1 'en' / 'fr'; anything else -> None."""
    if not code or not _DECLARED.match(code.strip()):
        return None
    primary = re.split(r"[-_]", code.strip())[0].lower()
    return primary if len(primary) == 2 else None


def guess_language(text: str, sample_words: int = 2000) -> str | None:
    """The language whose function words cover the text best, or None when the evidence is weak."""
    languages, min_share, min_lead, min_words = _table()
    words = [word.lower() for word in _WORD.findall(text[: sample_words * 12])][:sample_words]
    if len(words) < min_words:
        return None
    counts = Counter(words)
    scores = sorted(((sum(counts[w] for w in stop), code) for code, stop in languages.items()), reverse=True)
    (best, code), (runner_up, _) = scores[0], scores[1]
    if best < min_share * len(words) or best < min_lead * runner_up:
        return None
    return code
