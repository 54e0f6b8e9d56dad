"""Step 4 of the coder, `eventwire_time_place`: when and where.

Its run on the Doc reads the article's time expressions (temporal/) against the publication day and its
toponyms (places/, with the outlet's country from the page's address as weak context), and the place of
the dateline; it writes `doc._.event_setting` (`ArticleSetting`). The records step then asks it, event by
event in text order, for each event's date (`date`: the expression of the event's own clause, a range, an
offset from an earlier event or from the date its clause gives, the story's time, else the publication
day) and place (`place_event`: the sentence's place, else its actors' one country, else the article's).
Config: `places` (false: no geoparsing, events are not placed).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventwire.events import syntax
from eventwire.events.doc_state import ArticleInfo, ArticleSetting, StoryDates, register_extensions
from eventwire.events.records import ActorRef, EventDate, EventLocation
from eventwire.events.triggers import TriggerTable
from eventwire.nlp import doc_text
from eventwire.nlp.table import ParseTable
from eventwire.places.geoparser import BARE_DATELINE
from eventwire.places.location import article_place, is_usable, says_which_country
from eventwire.places.model import PlaceMention

if TYPE_CHECKING:
    from eventwire.events.coder_pipeline import CoderResources
    from eventwire.temporal.types import Timex

# "from" is not among them: "a woman visiting from Canada" says where she came from, not where it happened.
_LOCATIVE_PREPOSITIONS = {"in", "near", "at", "outside", "inside", "on", "across", "around", "into", "off",
                          "along", "over"}
# A place in these relations names whose or which thing it is ("Rome's mayor", "the Damascus government").
_MODIFIER_DEPS = {"compound", "poss", "amod", "nmod"}
# A place below a subject or an object of the event describes that participant ("a woman from Canada").
_PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "appos", "attr", "agent", "dative"}
# ... unless that participant is itself a place: "recognising the disputed city of Jerusalem", "shelled
# the town of X", "visited the Turkish capital".
_PLACE_NOUNS = {"city", "town", "village", "capital", "province", "region", "state", "district", "county",
                "country", "area", "border", "territory", "island", "suburb", "neighbourhood", "neighborhood",
                "port", "camp", "enclave", "municipality"}


class TimePlace:
    def __init__(self, places: bool = True) -> None:
        register_extensions()
        self.with_places = places
        self.geoparser: object | None = None
        self.triggers: TriggerTable | None = None
        self.make_doc: Callable[[str], Doc] | None = None

    def bind(self, resources: CoderResources) -> None:
        self.geoparser = resources.geoparser if self.with_places else None
        self.triggers = resources.triggers
        self.make_doc = resources.nlp.make_doc

    def __call__(self, doc: Doc) -> Doc:
        info: ArticleInfo = doc._.event_article or ArticleInfo()
        dct = info.dct
        text = doc_text(doc)
        places = self._places(doc, info.url)
        dateline_match = _DATELINE.match(text) or _bare_dateline(text, places)
        doc._.event_setting = ArticleSetting(dct, self._timexes(text, dct), places,
                                             _dateline_place(dateline_match, places),
                                             dateline_match.end() if dateline_match else 0)
        return doc

    def _timexes(self, text: str, dct: dt.date | None) -> list:
        if dct is None:
            return []
        from eventwire.temporal import find_timexes

        return find_timexes(text, dct)

    def _places(self, doc: Doc, url: str | None = None) -> list:
        """The article's toponyms, resolved with its outlet's home (from the page's address) as weak
        context: a British paper's "Salisbury" is the English one, a London, Ontario paper's "London" its own
        town, unless the text says otherwise."""
        if self.geoparser is None:
            return []
        from eventwire.places.geoparser import outlet_of_url

        outlet = outlet_of_url(url, getattr(self.geoparser, "gazetteer", None)) if url else None
        return self.geoparser.geoparse_doc(doc, outlet=outlet)  # type: ignore[attr-defined]

    def date(self, token: Token, timexes: list, dct: dt.date | None, dates: StoryDates
              ) -> EventDate | None:
        sentence = syntax.sentence_of(token)
        in_sentence = [t for t in timexes if sentence.start_char <= t.start < sentence.end_char]
        anchored = [t for t in in_sentence if t.anchored_to_event]
        since = self._since_event(anchored, dct, dates)
        if since is not None:
            return since
        dated = _dating_timexes(in_sentence, sentence)
        for offset in anchored:
            anchor = dates.last_text_date
            clause_of_offset = _clause_after(offset, sentence)
            if clause_of_offset is None:
                continue
            if token.i not in clause_of_offset:
                # "cut off contact a month before [the Nov. 8 election]": the clause dates what the offset
                # counts from
                counted_from = _date_within_tokens(dated, sentence.doc, clause_of_offset)
                outside_offset = [t for t in dated
                                  if _date_within_tokens([t], sentence.doc, clause_of_offset) is None]
                if counted_from is not None and _date_of_clause(token, outside_offset, own_only=True) is None:
                    return _offset_from(counted_from, offset)
                if counted_from is not None:
                    # "marched on Tuesday, two years after the 2019 coup": the act's own date, not the
                    # background act's date moved by the offset
                    break
            if anchor is None or not anchor.start:
                continue
            from eventwire.temporal import shift
            from eventwire.temporal.types import Duration, TimeSpan

            anchor_span = TimeSpan(dt.date.fromisoformat(anchor.start),
                                   dt.date.fromisoformat(anchor.end or anchor.start))
            if token.i in clause_of_offset:
                if _date_of_clause(token, dated, own_only=True) is not None:
                    break  # "three months after they invaded the region in August": the act's own date
                try:
                    amount = Duration.parse(offset.value)
                except ValueError:  # "shortly after": no amount to count back by
                    continue
                if amount.vague:  # "days after": no exact amount either
                    continue
                # "X came two days after [Y]": Y lies on the other side of X's date.
                other_side = "before" if offset.direction == "after" else "after"
                shifted = shift(anchor_span, amount, other_side)
                return EventDate(_iso(shifted.start), _iso(shifted.end), anchor.precision,
                                 offset.text, True)
            referenced = self._referenced_event_date(clause_of_offset, sentence, dates)
            if referenced is not None and referenced.start:
                return _offset_from(referenced, offset)
            outside_offset = [t for t in dated
                              if _date_within_tokens([t], sentence.doc, clause_of_offset) is None]
            if outside_offset and _date_of_clause(token, outside_offset) is not None:
                # "On Wednesday, the ceasefire collapsed less than a day after it was implemented, as X
                # accused Y": the sentence's own date, not the last one of the story, dates the act
                break
            return anchor
        # an act told in the past cannot have happened after the publication: "we have agreed that they
        # will remain until the end of May" is dated by the agreement, not by May
        possible = [t for t in dated if not (dct is not None and _past_act(token) and t.span is not None
                                             and t.span.start is not None and t.span.start > dct)]
        nearest = _date_of_clause(token, possible) if possible else None
        if nearest is not None and nearest.span is not None:
            found = (_range_around(nearest, dated, doc_text(token.doc))
                     or EventDate(_iso(nearest.span.start), _iso(nearest.span.end), nearest.precision,
                                  nearest.text, True))
            dates.last_text_date = found
            return found
        if dct is None:
            return None
        # a sentence whose dates all belong to other acts is about its own time, not the story told before
        told_again = None if dated else _date_of_same_act(token, sentence, timexes)
        if told_again is not None:
            return told_again
        narrated = None if dated else _narrative_date(token, sentence, timexes, dct)
        if narrated is not None:
            return narrated
        return EventDate(dct.isoformat(), dct.isoformat(), "day", None, False)

    def _referenced_event_date(self, clause: range, sentence: Span, dates: StoryDates
                               ) -> EventDate | None:
        """The date of the earlier event an offset counts from ("days before [the president's meeting]"):
        the latest dated event of the category of the first event word of the clause after the offset."""
        for i in clause:
            word = sentence.doc[i]
            if word.pos_ not in {"NOUN", "VERB"}:
                continue
            for trigger in self.triggers.candidates_for(word.lower_):
                referenced = dates.by_type.get(trigger.type or "")
                if referenced is not None:
                    return referenced
        return None

    def _since_event(self, anchored: list, dct: dt.date | None, dates: StoryDates) -> EventDate | None:
        """"troops have withdrawn ... since the attack on the convoy": from the date of that earlier event of
        the article (the category of the noun after "since") up to the publication."""
        for timex in anchored:
            open_start = timex.span is not None and timex.span.start is None
            if not open_start or not timex.text.lower().startswith("since"):
                continue
            nouns = self.make_doc(timex.text)  # type: ignore[misc]
            for word in nouns:
                for trigger in self.triggers.candidates_for(word.lower_):
                    referenced = dates.by_type.get(trigger.type or "")
                    if referenced is not None and referenced.start:
                        end = _iso(timex.span.end) or (dct.isoformat() if dct else None)
                        return EventDate(referenced.start, end, "range", timex.text, True)
        return None

    def place_event(self, token: Token, setting: ArticleSetting, source: Sequence[ActorRef],
                    target: Sequence[ActorRef]) -> EventLocation | None:
        """Where the event happened, by the best evidence there is: a place its sentence names
        (`location`; the dateline is not the sentence's), else the one country all its actors belong to
        (every one resolved, none of another country: "Syrian forces bombarded ..."), else the article's
        setting (its dateline or the one country it is about), else, in an article about several
        countries, the one country of the actors that are resolved ("Jordanian police arrested three
        men"), else the country of the last place named before the event's sentence (the story goes on
        where it last was); None when nothing says. All but the first are given as the country (level
        "country", never a town's point): they say which country, not where in it. The record's `basis`
        says which evidence placed it (the last two are the article's)."""
        places = [p for p in setting.places if p.start >= setting.dateline_end]
        own = self.location(token, places, tuple(source))
        if own is not None:
            return replace(own, basis="sentence")
        before = _last_place_before(places, syntax.sentence_of(token).start_char)
        actors = (*source, *target)
        for basis, country in (("actors", _actors_country(actors)),
                               ("article", getattr(setting.dateline_place, "country", None)),
                               ("actors", _actors_country(actors, resolved_only=True)),
                               ("article", getattr(before, "country", None))):
            located = self._country_location(country, basis) if country else None
            if located is not None:
                return located
        return None

    def _country_location(self, iso3: str, basis: str) -> EventLocation | None:
        gazetteer = getattr(self.geoparser, "gazetteer", None)
        country = gazetteer.country_by_iso3(iso3) if gazetteer is not None else None
        if country is None:
            return None
        return EventLocation(text=country.name, name=country.name, geonameid=country.geonameid,
                             lat=country.lat, lon=country.lon, country=country.country, level="country",
                             basis=basis)

    def location(self, token: Token, places: list, actors: tuple[ActorRef, ...]) -> EventLocation | None:
        """Where the event happened, as far as its sentence says: a place the event's own clause hangs on
        ("attacked in X", "near X", "the coastal town of X", "shelled X"), else another place of the
        sentence. Never the actor named by a place ("Washington assassinated ..."), a place inside an
        organisation's name ("the Damascus government", "Bank of Canada"), an unresolved name, or a place
        that only describes a participant ("a woman visiting from Canada", "Rome's mayor", "a North
        Carolina native"): those say who, not where. None when the sentence has no other place:
        `place_event` then asks the actors' country and the article's setting."""
        sentence = syntax.sentence_of(token)
        in_sentence = [
            p for p in places
            if sentence.start_char <= p.start < sentence.end_char and p.lat is not None
            and getattr(p, "feature", None) != "demonym"
            and not any(a.start <= p.start < a.end for a in actors)
        ]
        if not in_sentence:
            return None
        # the clause's characters: its subtree's first and last words are its left and right edges
        head = token if token.pos_ in {"VERB", "AUX"} else syntax.clause_head(token)
        first, last = head.left_edge, head.right_edge
        lo, hi = first.idx, last.idx + len(last)
        doc = token.doc

        def reading(place: object) -> tuple[bool, bool, int] | None:
            """(in another clause, not after a locative preposition, distance); None when the place says
            who rather than where."""
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None:
                return None
            in_building = any(t.ent_type_ == "FAC" for t in span)
            if getattr(place, "in_name", False) and not in_building:
                return None
            if not in_building and _describes_participant(span.root, token):
                return None
            if getattr(place, "feature", None) == "country" and _names_a_party(span.root, token):
                return None
            locative = any(
                (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE_PREPOSITIONS)
                or (t.head.dep_ == "pobj" and t.head.head.lower_ in _LOCATIVE_PREPOSITIONS)
                for t in span
            )
            return (not lo <= place.start < hi, not locative, abs(place.start - token.idx))

        readings = [(reading(place), place) for place in in_sentence]
        where = [(key, place) for key, place in readings if key is not None]
        if not where:
            return None
        return _as_location(min(where, key=lambda item: item[0])[1])



@Language.factory("eventwire_time_place", default_config={"places": True})
def make_time_place(nlp: Language, name: str, places: bool) -> TimePlace:
    return TimePlace(places)


_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w.'-]*(?:[ -][A-Z][\w.'-]*){0,3})(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?\s*"
    r"(?:\([^)]{1,40}\)\s*)?[—–-]{1,2}\s"
)


# A time expression reached from the event word through one of these dates another act described inside the
# sentence: "condemned the move [announced on Monday]" (acl), "the budget [approved in April]" (acl),
# "forces, [which used force on 15 November]" (relcl).
_DESCRIBED_ACT_DEPS = frozenset({"acl", "relcl"})
# Through one of these, a coordinated act ("attacked the castle and [killed four on Sunday]"): often the same
# day, a better guess than the publication's when the event's own clause has no date.
_COORDINATED_ACT_DEPS = frozenset({"conj", "parataxis"})
# The clause an event word reports ("prosecutors alleged that no checks were made [from 10:30 p.m. Aug. 9]"):
# its date is the reported act's, not the report's.
_REPORTED_ACT_DEPS = frozenset({"ccomp"})


def _date_of_clause(token: Token, dated: list[Timex], *, own_only: bool = False) -> Timex | None:
    """The expression that dates the act of `token`: one in its own clause ("pleaded guilty Monday to
    threatening to kill her [in March]": March for the threat, Monday for the plea), the nearest in the
    tree first; else one of a coordinated act; else one of a clause above it ("..., he said [on Tuesday]"),
    the nearest in the text; never one that dates another act described inside the sentence (a relative
    clause, a participle after a noun). None when every expression of the sentence dates such an act.
    `own_only`: only an expression of the act's own clause."""
    own: list[tuple[int, Timex]] = []
    coordinated: list[Timex] = []
    above: list[Timex] = []
    ancestors = {ancestor.i for ancestor in token.ancestors}
    for timex in dated:
        head = _timex_head(token.doc, timex)
        if head is None:
            above.append(timex)  # not aligned to tokens: keep the old nearest-in-text choice
            continue
        steps = 0
        relation = "own"
        verbs_passed = 0
        node = head
        while node.i != token.i and node.i not in ancestors:
            if node.pos_ in {"VERB", "AUX"}:
                # "the commitment [signed three years ago]" describes the event noun itself: its own date
                describes_event_noun = node.head.i == token.i and token.pos_ in {"NOUN", "PROPN"}
                # "[in a statement published Oct. 25], the ministries accused ...": the participle dates
                # the thing the act was done in, so the act itself
                describes_medium = node.dep_ == "acl" and _is_medium_of(node.head, token)
                own_thing = describes_event_noun or describes_medium
                described = node.dep_ in _DESCRIBED_ACT_DEPS and not own_thing
                reported = node.dep_ in _REPORTED_ACT_DEPS and node.head.i == token.i and verbs_passed == 0
                if described or reported:
                    relation = "described"
                elif node.dep_ in _COORDINATED_ACT_DEPS and relation == "own":
                    # the date of a verb coordinated with the event word itself; deeper (a clause of that
                    # verb) or coordinated with another verb, it dates another act
                    coordinated_here = node.head.i == token.i and verbs_passed == 0
                    relation = "coordinated" if coordinated_here else "described"
                verbs_passed += 1
            if node.head.i == node.i:  # the root: not joined to the event word
                break
            node = node.head
            steps += 1
        if relation == "described":
            continue
        if relation == "coordinated":
            coordinated.append(timex)
        elif node.i == token.i:
            own.append((steps, timex))
        else:
            above.append(timex)
    if own:
        return min(own, key=lambda pair: (pair[0], abs(pair[1].start - token.idx)))[1]
    if own_only:
        return None
    for others in (coordinated, above):
        if others:
            return min(others, key=lambda timex: abs(timex.start - token.idx))
    return None


def _dating_timexes(timexes: list, span: Span) -> list:
    """The time expressions of `span` that can date an act there: dates and times with a value, not counted
    from an event ("two days after the strike") and not "now"."""
    return [t for t in timexes if span.start_char <= t.start < span.end_char and t.type in {"DATE", "TIME"}
            and t.span is not None and not t.anchored_to_event and t.value != "PRESENT_REF"]


def _is_medium_of(noun: Token, token: Token) -> bool:
    """Is `noun` the object of "in"/"through"/"via" on the event word ("[in a statement] ... accused")?"""
    preposition = noun.head
    return (noun.dep_ == "pobj" and preposition.dep_ == "prep" and preposition.head.i == token.i
            and preposition.lower_ in {"in", "through", "via"})


# "from Monday to Wednesday", "between March 3 and March 5": two expressions joined into one range.
_RANGE_JOINER = re.compile(r"\s*(?:to|until|till|through|thru|and|[-–—])\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)


def _range_around(chosen: Timex, dated: list[Timex], text: str) -> EventDate | None:
    """The whole range when the chosen expression is one end of "from X to Y" / "between X and Y"."""
    ordered = sorted(dated, key=lambda timex: timex.start)
    index = next((i for i, timex in enumerate(ordered) if timex is chosen), None)
    if index is None:
        return None
    for first, last in ((ordered[index - 1], chosen) if index > 0 else (None, None),
                        (chosen, ordered[index + 1]) if index + 1 < len(ordered) else (None, None)):
        if first is None or last is None or first.span is None or last.span is None:
            continue
        joiner = _RANGE_JOINER.fullmatch(text, first.end, last.start)
        opened = _RANGE_OPENER.search(text, max(0, first.start - 12), first.start)
        if joiner is None or (joiner.group().strip().lower() == "and" and opened is None):
            continue
        if first.span.start is None or last.span.end is None or last.span.end < first.span.start:
            continue
        return EventDate(_iso(first.span.start), _iso(last.span.end), "range", text[first.start:last.end],
                         True)
    return None


# How long before the publication a date must lie for the sentences after it to be read as a story of that
# time rather than the news of the day.
_NARRATIVE_MIN_AGE = dt.timedelta(days=31)


def _narrative_date(token: Token, sentence: Span, timexes: list[Timex], dct: dt.date) -> EventDate | None:
    """A past act in a sentence without a date, right after a sentence that dated an earlier time ("...
    after a series of attacks left 130 people dead on November 13, 2015. The terrorists struck at the Stade
    de France ..."): the story goes on at that time, not on the publication day."""
    if not _told_in_past(token) or sentence.start == 0:
        return None
    before = syntax.sentence_of(token.doc[sentence.start - 1])
    told = [word for word in before if not word.is_space]  # a sentence may end with its blank lines
    told_end = told[-1].idx + len(told[-1]) if told else before.end_char
    if _heading_between(doc_text(token.doc), told_end, token.idx):
        return None  # "What has the reaction been?": a new section, not the story told before it
    dated = [t for t in timexes if before.start_char <= t.start < before.end_char and t.type == "DATE"
             and t.span is not None and t.span.start is not None and t.span.end is not None
             and not t.anchored_to_event]
    if not dated:
        return None
    last = dated[-1]
    assert last.span is not None and last.span.start is not None  # checked above: typed for mypy
    if last.span.end is None or (dct - last.span.end < _NARRATIVE_MIN_AGE and not _past_perfect(token)):
        # a recent date is the news of the day, which the next sentence may leave; an act in the past
        # perfect ("She had been arrested after the protests") lies before the story's time, never after it
        return None
    return EventDate(_iso(last.span.start), _iso(last.span.end), last.precision, last.text, True)


def _date_of_same_act(token: Token, sentence: Span, timexes: list[Timex]) -> EventDate | None:
    """The date an earlier sentence gave the same act, told again without one ("X pleaded guilty Monday to
    threatening Y in March. X, 55, of Addison, pleaded guilty to threatening ..."): the word of the same
    lemma in one of the sentences just before, dated by its own clause."""
    if not _SAME_ACT_LOOKBACK or token.pos_ not in {"VERB", "NOUN"}:
        return None
    current = sentence
    doc = token.doc
    table = ParseTable.of(doc)  # each earlier word's lemma and part of speech read by index
    lemma, pos = table.exact_lemma[token.i], table.pos[token.i]
    for _ in range(_SAME_ACT_LOOKBACK):
        if current.start == 0:
            return None
        current = syntax.sentence_of(doc[current.start - 1])
        earlier = [doc[i] for i in range(current.start, current.end)
                   if table.exact_lemma[i] == lemma and table.pos[i] == pos]
        if not earlier:
            continue
        dated = [t for t in _dating_timexes(timexes, current) if t.span.start is not None]
        for word in earlier:
            chosen = _date_of_clause(word, dated) if dated else None
            if chosen is not None and chosen.span is not None:
                return EventDate(_iso(chosen.span.start), _iso(chosen.span.end), chosen.precision,
                                 chosen.text, True)
        return None  # the act was told before without a date
    return None


# How many sentences back an act told again is looked for.
_SAME_ACT_LOOKBACK = 4


# A line this short without a full stop, between two sentences, is a section heading.
_HEADING_MAX_WORDS = 12


def _heading_between(text: str, start: int, end: int) -> bool:
    """Is there a heading line ("What has the reaction been?", "Timeline") wholly between the offsets?"""
    lines = text[start:end].split("\n")[1:-1]
    return any(line.strip() and len(line.split()) <= _HEADING_MAX_WORDS
               and not line.rstrip().endswith((".", "!", '"', "”", "'", ":"))
               for line in lines)


def _past_act(token: Token) -> bool:
    """A verb telling an act already done: the simple past, the perfect or the past passive ("agreed",
    "have agreed", "was arrested")."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    auxiliaries = syntax.auxiliaries(token)
    if auxiliaries & {"will", "would", "shall", "may", "might", "can", "could", "must", "should", "to"}:
        return False
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(auxiliaries & {
        "has", "have", "had", "'s", "'ve", "was", "were"}))


def _date_within_tokens(dated: list[Timex], doc: Doc, tokens: range) -> EventDate | None:
    """The date of the first expression lying inside the token range, as an EventDate."""
    if not len(tokens):
        return None
    first, last = doc[tokens.start], doc[tokens.stop - 1]
    lo, hi = first.idx, last.idx + len(last)
    for timex in dated:
        if lo <= timex.start < hi and timex.span is not None and timex.span.start is not None:
            return EventDate(_iso(timex.span.start), _iso(timex.span.end or timex.span.start),
                             timex.precision, timex.text, True)
    return None


def _past_perfect(token: Token) -> bool:
    """A verb in the past perfect ("had seized", "had been arrested"): before the time the story is at."""
    return token.pos_ in {"VERB", "AUX"} and token.tag_ == "VBN" and "had" in syntax.auxiliaries(token)


def _told_in_past(token: Token) -> bool:
    """A verb in the simple past or the past passive ("struck", "was detained"), not the present perfect
    ("has been detained": still true at the publication)."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    auxiliaries = syntax.auxiliaries(token)
    if auxiliaries & {"has", "have", "will", "would", "'s", "'ve", "may", "might", "can", "could"}:
        return False
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and bool(auxiliaries & {"was", "were", "had"}))


def _offset_from(referenced: EventDate, offset: Timex) -> EventDate:
    """An event `offset` ("two days after", "days before") from an event dated `referenced`: moved by the
    amount when it is exact, else the referenced date itself (the nearest the text allows)."""
    from eventwire.temporal import shift
    from eventwire.temporal.types import Duration, TimeSpan

    try:
        amount = Duration.parse(offset.value)
    except ValueError:
        amount = None
    if amount is None or amount.vague or offset.direction not in {"before", "after"} or not referenced.start:
        return replace(referenced, text=offset.text)
    span = TimeSpan(dt.date.fromisoformat(referenced.start),
                    dt.date.fromisoformat(referenced.end or referenced.start))
    moved = shift(span, amount, offset.direction)
    return EventDate(_iso(moved.start), _iso(moved.end), referenced.precision, offset.text, True)


def _timex_head(doc: Doc, timex: Timex) -> Token | None:
    """The word of the expression that attaches it to the sentence (its syntactic head)."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _bare_dateline(text: str, places: list) -> re.Match[str] | None:
    """A dateline whose dash the scrape dropped (the geoparser's BARE_DATELINE: "WASHINGTON Barack Obama
    pardoned ..."), taken as the article's dateline only where the geoparser found a place."""
    match = BARE_DATELINE.match(text)
    if match is None:
        return None
    start, end = match.span("place")
    return match if any(p.start == start and p.end == end for p in places) else None


def _dateline_place(match: re.Match[str] | None, places: list) -> object | None:
    """The article's own place, for events whose sentence names none: the dateline ("KHARTOUM (Meridian
    Wire) — ...") when the story is about its country, else the place the article keeps coming back to in
    the one country that dominates it (`article_place`); None for a story about several countries."""
    dateline = None
    if match:
        start, end = match.span("place")
        dateline = next((p for p in places if start <= p.start < end and p.lat is not None), None)
    if places and all(isinstance(p, PlaceMention) for p in places):
        return article_place(places, dateline)
    return dateline


def _last_place_before(places: list, offset: int) -> object | None:
    """The last place of the article before `offset` that can say a country: resolved, not a demonym, not
    inside an organisation's name, not a region, sea or continent ("the Middle East", "Europe" say no
    country the story goes on in: `says_which_country`). On the document gold's first 90 articles,
    events placed by nothing else (several countries, no dateline): place dev 64 -> 67 of 71, locked
    aggregate 47 -> 59 of 78 (60 with the resolved actors' country asked first); taking it before the
    actors' country lost dev events (67 -> 62), the article's plurality country instead of the 1/2 share
    one each (66, 58)."""
    return next((p for p in reversed(places) if p.start < offset and is_usable(p) and says_which_country(p)),
                None)


def _describes_participant(place: Token, trigger: Token) -> bool:
    """Does the place only describe someone or something taking part, not where the act happened? It
    does when it modifies a noun that is not a building ("Rome's mayor", "the Damascus government", "a
    North Carolina native") or hangs below a subject or an object of the event other than by a locative
    preposition ("a woman visiting from Canada were killed"); a place the event's words reach through
    prepositions and place nouns alone ("attacks in central Jordan", "detained in the town of Izmir"),
    or after "in/near/at" ("attacked rebels in Yemen"), is where."""
    ancestors_of_trigger = {trigger.i, *(t.i for t in trigger.ancestors)}
    if place.i in ancestors_of_trigger:
        return False
    if place.dep_ == "pobj" and place.head.lower_ in _LOCATIVE_PREPOSITIONS:
        # "attacked rebels in Yemen", "arrested two men in Paris": the parser hangs the phrase on the
        # object, but whoever is in a place when something is done to them is where it is done
        return False
    if place.dep_ in _POSSESSOR_DEPS and _after_locative(place.head):
        # "forces in southern Syria's al-Tanf", "clashes in the Syria border town": the possessor of a
        # place after "in/near/at" says which country that place is in, even when the place itself is
        # a name the gazetteer lacks
        return False
    if place.dep_ in _MODIFIER_DEPS and place.head.i != trigger.i:
        return True
    node = place.head
    while node.i not in ancestors_of_trigger and node.head.i != node.i:
        if (node.dep_ in _PARTICIPANT_DEPS and node.pos_ in {"NOUN", "PROPN", "PRON"}
                and node.lemma_.lower() not in _PLACE_NOUNS):
            return True
        node = node.head
    return False


def _names_a_party(place: Token, trigger: Token) -> bool:
    """Does a country name a party to the act rather than where it happened? It does as the act's subject
    ("Russia and the Syrian government have been accused"), its agent ("brokered by Turkey"), the one it
    is done with ("brokered ... with Russia", "closed its borders with Syria"), or the object a verb makes
    act ("pressuring the U.S. to leave"): the country acts, or is acted with, from wherever it is
    (session 22)."""
    while place.dep_ == "conj" and place.head.i != place.i:  # "Russia and Syria": the first of the list
        place = place.head
    heads = {trigger.i}
    if trigger.dep_ in _CLAUSE_OF_NOUN_DEPS:  # "the ceasefire brokered by Turkey": the noun's clause
        heads.add(trigger.head.i)
    heads |= {child.i for child in trigger.children if child.dep_ in _CLAUSE_OF_NOUN_DEPS}
    if place.dep_ in _SUBJECT_DEPS:
        return place.head.i in heads
    if place.dep_ == "pobj" and place.head.lower_ in _PARTY_PREPOSITIONS:
        return place.head.head.i in heads
    if place.dep_ == "dobj":
        # "pressuring the U.S. to leave", "force the U.S. to abandon the base": the object is made to act,
        # whichever verb of the sentence does it
        return any(child.dep_ == "xcomp" and child.i > place.i
                   and any(aux.lower_ == "to" for aux in child.children) for child in place.head.children)
    return False


# The relations by which a country names a party to the act: its subject, its agent, its partner.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PARTY_PREPOSITIONS = frozenset({"by", "with"})
_CLAUSE_OF_NOUN_DEPS = frozenset({"acl", "relcl"})


# A place modifying the noun after a locative preposition names where that is ("in Syria's al-Tanf").
_POSSESSOR_DEPS = frozenset({"poss", "compound"})


def _after_locative(noun: Token) -> bool:
    """Is the noun the object of a locative preposition ("in", "near", "at" ...)?"""
    return noun.dep_ == "pobj" and noun.head.lower_ in _LOCATIVE_PREPOSITIONS


def _as_location(place: object | None) -> EventLocation | None:
    if place is None:
        return None
    return EventLocation(text=place.text, name=place.name, geonameid=place.geonameid, lat=place.lat,
                         lon=place.lon, country=place.country, level=getattr(place, "level", None))



def _clause_after(offset: object, sentence) -> range | None:
    """Token range of the clause an offset such as "two days after" introduces."""
    for token in sentence:
        if (token.idx >= offset.end and token.dep_ in {"advcl", "pcomp", "pobj"} and token.head.lower_ in {
            "after", "before", "since"}) or (token.idx >= offset.end and token.dep_ == "advcl"):
            subtree = list(token.subtree)
            return range(subtree[0].i, subtree[-1].i + 1)
    for token in sentence:
        if token.idx >= offset.end and token.pos_ in {"VERB", "AUX"}:
            subtree = list(token.subtree)
            return range(subtree[0].i, subtree[-1].i + 1)
    return None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _actors_country(actors: Sequence[ActorRef], resolved_only: bool = False) -> str | None:
    """The country of the event's actors when every one is resolved to the same country; None when one
    is of no known country (it could be from anywhere) or two differ (a visit, an attack abroad).
    `resolved_only`: the one country of those that are resolved, the others left aside (asked only
    after the article's own place: "Jordanian police arrested three men" in a story about several
    countries happened in Jordan more likely than where the previous sentence was)."""
    # a thing taken as the target (kind "unknown": "shelled the bridge") has the country of its words or
    # of the article, so it says nothing of its own about where the act was
    parties = [actor for actor in actors if actor.kind != "unknown"]
    countries = {actor.country for actor in parties if actor.country is not None or not resolved_only}
    if len(countries) != 1 or None in countries:
        return None
    return next(iter(countries))
