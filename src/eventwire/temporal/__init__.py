"""Time expressions in news text, normalised against the document creation time (DCT).

    find_timexes(text, dct)        every expression with its TimeML type/value and calendar span
    normalize(expression, dct)     the meaning of one expression
    shift(span, amount, direction) a span moved by a duration (offsets anchored to another event)
"""

from eventwire.temporal.tagger import find_timexes, normalize, shift
from eventwire.temporal.types import Duration, TimeSpan, Timex

__all__ = ["Duration", "TimeSpan", "Timex", "find_timexes", "normalize", "shift"]
