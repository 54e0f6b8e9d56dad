"""How actor phrases and aliases are turned into lookup keys.

Both sides (the knowledge base's aliases at load time, the phrase at resolution time) go through the same
function, so "Al-Kazemi", "al Kazemi" and "Kazemi" meet on one key, as do "U.S." and "US", "Iraq's" and
"Iraq", "Côte d'Ivoire" and "Cote d'Ivoire".

Short acronyms are case-sensitive: "IS", "AA", "PA", "US" are keys only when written in capitals, so the
words "is", "a", "pa", "us" never match them. Such a token carries two forms: the acronym form ("#is")
and the plain form ("is"); lookups try the acronym form first.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Arabic article forms that transliterations attach, hyphenate or drop at will.
_ARTICLE_PARTICLES = frozenset({"al", "el"})
# English articles carry no identity: "the Kremlin" is "Kremlin".
_ENGLISH_ARTICLES = frozenset({"the", "a", "an"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'", "´": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "−": "-"})
_TOKEN = re.compile(r"[A-Za-z0-9'.&+]+")
_ACRONYM_MAX = 4


@dataclass(frozen=True, slots=True)
class Token:
    key: str  # the form looked up first ("#is" for the acronym IS, else the plain form)
    plain: str  # lower-case form without diacritics and punctuation
    capitalised: bool  # first letter upper-case in the original: a possible part of a name


def strip_diacritics(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_acronym(raw: str) -> bool:
    if raw.islower() or (raw[:1].isupper() and raw[1:].islower()):
        return False  # the common case, decided without walking the letters ("Francis", "police")
    letters = [ch for ch in raw if ch.isalpha()]
    if len(letters) >= 3 and letters[-1] == "s" and all(ch.isupper() for ch in letters[:-1]):
        return False  # "MPs", "NGOs": the plural of an abbreviation, not the acronym MPS of a party
    return 2 <= len(letters) <= _ACRONYM_MAX and sum(ch.isupper() for ch in letters) >= 2


def tokens(text: str) -> list[Token]:
    """Split a phrase into lookup tokens (articles and the Arabic article particle dropped)."""
    # a new list each time (callers slice and extend theirs); the Tokens themselves are frozen
    return list(_tokens(text))


@functools.lru_cache(maxsize=1 << 15)
def _tokens(text: str) -> tuple[Token, ...]:
    # cached: an article's names are split again and again (read_article's name runs, then each mention's
    # resolution), and the same names recur across articles
    if not text.isascii():
        text = strip_diacritics(text.translate(_APOSTROPHES).translate(_DASHES))
    result: list[Token] = []
    for match in _TOKEN.finditer(text.replace("-", " ")):
        raw = match.group()
        if raw.endswith("'s") or raw.endswith("'S"):
            raw = raw[:-2]  # possessive: "Iraq's" is "Iraq"
        raw = raw.replace("'", "").strip(".")
        acronym_candidate = raw.replace(".", "")
        if not acronym_candidate:
            continue
        plain = acronym_candidate.lower()
        if plain in _ENGLISH_ARTICLES:
            continue
        if plain in _ARTICLE_PARTICLES:
            continue
        key = f"#{plain}" if _is_acronym(acronym_candidate) else plain
        result.append(Token(key=key, plain=plain, capitalised=acronym_candidate[0].isupper()))
    return tuple(result)


def alias_key(text: str) -> str:
    """The index key of an alias: its tokens' primary forms joined by spaces."""
    return " ".join(token.key for token in tokens(text))


def plain_key(text: str) -> str:
    return " ".join(token.plain for token in tokens(text))


# Last words whose final "s" is not a plural ending, and irregular plurals of agent nouns.
_NOT_PLURAL = frozenset({"news", "press", "police", "series", "species", "headquarters", "arms", "us", "mps"})
_IRREGULAR_PLURALS = {"person": "people", "child": "children", "staff": "staff", "people": "people"}
_IRREGULAR_SINGULARS = {plural: singular for singular, plural in _IRREGULAR_PLURALS.items()}
# Endings whose plural turns f into v, as compounds end in them: "midwife"/"midwives", "housewives",
# "car thieves" (the regular rule made "midwifes" and "thiefs", forms news does not write).
_F_TO_V_ENDINGS = (("wife", "wives"), ("thief", "thieves"))
# Plurals whose singular is mostly a modifier in news ("locals" are people, "local" is "local officials"'s
# modifier; "deputy press secretary"): their singular would make the modifier an agent word.
_MODIFIER_SINGULARS = frozenset({"local", "national", "arab", "royal", "federal", "regional", "international",
                                  "radical", "liberal", "conservative", "moderate", "original", "individual",
                                  "deputy", "nationalist", "populist", "socialist", "communist"})


def other_number(term: str) -> str | None:
    """The same agent term in the other grammatical number, by the regular English endings of its last
    word: "health workers" <-> "health worker", "militiamen" <-> "militiaman", "authorities" <->
    "authority"; None where the rule would guess (abbreviations, "-ss"/"-us"/"-is" words, irregulars it
    does not know). Lower-case in, lower-case out; the caller decides whether the form is wanted."""
    words = term.split()
    if not words:
        return None
    last = words[-1]
    if not last.isalpha() or len(last) < 4 or last in _NOT_PLURAL:
        return None
    v_ending = next(((f, v) for f, v in _F_TO_V_ENDINGS if last.endswith((f, v))), None)
    if v_ending is not None:
        singular, plural = v_ending
        other = last[: -len(plural)] + singular if last.endswith(plural) else last[: -len(singular)] + plural
    elif last in _IRREGULAR_SINGULARS:
        other = _IRREGULAR_SINGULARS[last]
    elif last in _IRREGULAR_PLURALS:
        other = _IRREGULAR_PLURALS[last]
    elif last.endswith("men"):
        other = last[:-3] + "man"
    elif last.endswith("man"):
        other = last[:-3] + "men"
    elif last.endswith("ies") and len(last) > 4:
        other = last[:-3] + "y"
    elif last.endswith(("sses", "shes", "ches", "xes")):
        other = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        other = last[:-1]
    elif last.endswith("y") and last[-2] not in "aeiou":
        other = last[:-1] + "ies"
    elif last.endswith(("ss", "sh", "ch", "x")):
        other = last + "es"
    elif last.endswith(("us", "is", "a", "i")):
        return None  # Latin and foreign endings: no regular English plural to guess
    else:
        other = last + "s"
    if other == last or other in _MODIFIER_SINGULARS:
        return None
    return " ".join([*words[:-1], other])
