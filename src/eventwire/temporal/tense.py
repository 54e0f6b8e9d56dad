"""Tense of the words around a time expression, from simple cues, so "on Monday" and "in March" can be
placed before or after the document time without a parser.

The nearest cue before the expression in its sentence decides ("He said on Monday he will go": "said");
with none before it, the nearest after it ("On Monday the minister will travel": "will").
"""

from __future__ import annotations

import re
from typing import Literal

from eventwire.temporal.lexicon import Lexicon

Tense = Literal["past", "future", "present"]

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'[a-z]+")
# A closing quote or bracket may stand between the full stop and the space ('... an end.”\nRough ...').
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"'“(])|\n\s*\n")
# Past participles and past forms that end in -ed but point forward are listed as future cues.
_REGULAR_PAST = re.compile(r"^[a-z]{3,}ed$")
# "-ed" words that are not verbs in the past.
_NOT_PAST = frozenset({"need", "needed", "indeed", "speed", "seed", "feed", "bed", "red", "hundred", "united",
                       "based", "related", "so-called", "alleged", "armed", "reported", "detailed"})


# A full stop after these is not the end of a sentence ("Mr. Obama", "9 a.m. Sunday", "Jan. 5").
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov", "pres", "prof",
    "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "a.m", "p.m", "u.s", "u.n", "u.k", "e.u",
    "inc", "corp", "co", "ltd", "no", "vs", "jr", "sr", "mt", "ft",
})
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)$")
# A participle after these describes a state ("will stay closed", "are cancelled"): it is no past cue.
_STATE_VERBS = frozenset({"is", "are", "am", "being", "stay", "stays", "remain", "remains", "keep", "keeps"})
# Words before a noun: a future cue that is also a noun ("the plans", "its forecast") places nothing.
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "these",
                          "those", "this", "that", "new", "own"})
# "until Monday" in a sentence that is not in the past: the end of a state that lasts from now.
_UNTIL = re.compile(r"\b(?:until|till)\s+$", re.IGNORECASE)


def _is_sentence_end(text: str, stop: int) -> bool:
    if text[stop] != ".":
        return True
    before = _WORD_BEFORE_STOP.search(text, max(0, stop - 12), stop)
    if before is None:
        return True
    word = before.group(1).lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence holding text[start:end] (a cheap splitter, good enough here)."""
    window_start = max(0, start - 400)
    sentence_start = window_start
    # One character past `start`: the boundary's look-ahead must see the expression's first letter, or a
    # sentence that opens with the expression ("Sunday will ...") would run on into the one before it.
    for boundary in _SENTENCE_END.finditer(text, window_start, min(len(text), start + 1)):
        if _is_sentence_end(text, boundary.start()):
            sentence_start = boundary.end()
    sentence_end = min(len(text), end + 400)
    for boundary in _SENTENCE_END.finditer(text, end, sentence_end):
        if _is_sentence_end(text, boundary.start()):
            sentence_end = boundary.start() + 1
            break
    return sentence_start, sentence_end


def _cue_tense(word: str, lexicon: Lexicon) -> Tense | None:
    lowered = word.lower()
    if lowered in lexicon.future_cues:
        return "future"
    if lowered in lexicon.past_cues:
        return "past"
    if lowered in lexicon.present_cues:
        return "present"
    if _REGULAR_PAST.match(lowered) and lowered not in _NOT_PAST:
        return "past"
    return None


def tense_around(text: str, start: int, end: int, lexicon: Lexicon) -> Tense | None:
    """The tense of the clause around text[start:end], or None when the sentence gives no cue."""
    sentence_start, sentence_end = sentence_bounds(text, start, end)
    before: Tense | None = None
    previous = ""
    looking_back = False  # "once expected to be completed": a plan of the past, whatever follows it
    for word in _WORD.finditer(text, sentence_start, start):
        lowered = word.group().lower()
        if looking_back and _cue_tense(lowered, lexicon) == "future":
            pass
        elif previous == "once" and _cue_tense(lowered, lexicon) == "future":
            before, looking_back = "past", True
        elif lowered in ("until", "till", "to") and previous in lexicon.postponement_verbs:
            before = "future"  # "postponed until Saturday"
        elif lowered == "be" and previous == "to" and not looking_back:
            before = "future"  # "is to be held"
        elif previous == "be" or (previous in _STATE_VERBS and _cue_tense(lowered, lexicon) == "past"):
            pass  # the participle of "will be held", "will stay closed" keeps the tense of what came before
        elif lowered in lexicon.noun_cues and (previous in _DETERMINERS or previous.endswith(("'s", "'"))
                                               or _cue_tense(previous, lexicon) == "past"):
            pass  # "beat forecasts", "its plans": a noun
        else:
            before = _cue_tense(lowered, lexicon) or before
        previous = lowered
    after: Tense | None = None
    if before is None:
        for word in _WORD.finditer(text, end, sentence_end):
            after = _cue_tense(word.group(), lexicon)
            if after is not None:
                break
    found = before or after
    if found != "past" and _UNTIL.search(text, max(sentence_start, start - 8), start):
        return "future"
    return found
