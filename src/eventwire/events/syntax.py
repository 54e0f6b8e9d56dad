"""Reading roles, modality and attribution off a spaCy dependency parse.

Functions here look only at tokens; what the phrases refer to is decided later (coreference and the
actor knowledge base). The word lists are closed-class grammar (auxiliaries, reporting verbs, light
verbs), not domain knowledge.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Span, Token

from eventwire.nlp.table import ParseTable

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
_ANY_SUBJECT_DEPS = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
OBJECT_DEPS = {"dobj", "obj", "dative", "iobj"}
# Prepositions whose object is the recipient of an event ("met with", "fired on", "visit to").
TARGET_PREPOSITIONS = {"with", "against", "on", "upon", "at", "to", "toward", "towards", "into", "for"}
# Verbs that only carry a noun trigger: "held a meeting", "launched an air strike", "paid a visit".
LIGHT_VERBS = {"hold", "launch", "carry", "conduct", "stage", "make", "pay", "begin", "start", "have",
               "mount", "wage", "lead", "organize", "organise", "take", "give", "issue", "reach", "sign",
               "attend", "continue", "resume", "step", "escalate", "intensify", "order", "declare",
               "observe", "announce", "impose", "engage", "involve", "participate", "join", "unleash",
               "initiate", "undertake", "perform", "execute", "complete", "finish", "end", "seek",
               "propose", "offer", "host", "convene", "chair", "broker", "mediate", "open"}
# Nouns for documents and decisions: their author is the subject of the verb that produced them
# ("parliament voted on a resolution demanding ...").
DOCUMENT_NOUNS = {"resolution", "statement", "decision", "bill", "law", "motion", "letter", "declaration",
                  "communique", "communiqué", "decree", "order", "report", "memorandum", "agreement", "text"}
REPORTING_VERBS = {"say", "tell", "announce", "state", "add", "claim", "report", "confirm", "stress",
                   "reiterate", "repeat", "argue", "maintain", "acknowledge", "admit", "predict", "recall",
                   "note", "explain", "reveal", "insist", "declare", "affirm", "assert", "write", "tweet",
                   "indicate", "emphasize", "emphasise", "warn", "quote", "point"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
PLANNED_MODIFIERS = {"upcoming", "planned", "scheduled", "proposed", "expected", "forthcoming", "next",
                     "future", "possible", "potential", "prospective"}
CONDITION_MARKERS = {"if", "unless", "whether"}
# "since the killing", "after the vote": a noun event here is a time anchor that refers back to an event
# told elsewhere, not a new one.
TEMPORAL_PREPOSITIONS = {"since", "after", "before", "until", "following", "prior", "ahead"}
# "the issue of removing foreign forces": a topic under discussion, not an event.
TOPIC_NOUNS = {"issue", "question", "matter", "file", "topic", "subject", "idea", "possibility", "prospect",
               "task", "need", "goal", "aim", "importance", "necessity", "option", "way", "debate"}


def is_event_reference(token: Token) -> bool:
    """A trigger that only points at an event (a time anchor or a topic), so codes no new one."""
    if token.dep_ == "pobj" and token.head.lower_ in TEMPORAL_PREPOSITIONS:
        return True
    holder = token.head if token.dep_ in {"pcomp", "pobj"} else None
    return bool(holder is not None and holder.lower_ == "of" and holder.head.lemma_.lower() in TOPIC_NOUNS)
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "we",
                     "us", "our", "i", "me", "my"}


def base_forms(token: Token) -> tuple[str, ...]:
    """The lemma, and plain de-inflections of the word for when the lemmatizer slips ("staged" -> "stag")."""
    # read off the Doc's parse table: `token.lower_` and `token.lemma_` decode a new string on each call
    table = ParseTable.of(token.doc)
    return _base_forms(table.lower[token.i], table.exact_lemma[token.i])


@functools.lru_cache(maxsize=1 << 16)
def _base_forms(lower: str, lemma: str) -> tuple[str, ...]:
    # cached: asked for every candidate word of every sentence (the trigger table, the light verbs), while
    # the same few thousand spellings recur from article to article
    forms = [lemma.lower(), lower]
    suffixes = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""),
                ("es", ""), ("s", ""))
    for suffix, replacement in suffixes:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            forms.append(lower[: len(lower) - len(suffix)] + replacement)
    return tuple(dict.fromkeys(forms))


def is_light_verb(token: Token) -> bool:
    return any(form in LIGHT_VERBS for form in base_forms(token))


def clause_head(token: Token) -> Token:
    """The verb whose clause a (noun) trigger belongs to."""
    current = token
    for _ in range(6):
        if current.pos_ in {"VERB", "AUX"} or current.dep_ == "ROOT":
            return current
        current = current.head
    return current


def prepositional_objects(holder: Token, preposition: str) -> list[Token]:
    """The objects of `holder`'s phrases opened by `preposition`: ("the assets of five organisations", "of")
    -> organisations."""
    return [g for prep in holder.children if prep.dep_ == "prep" and prep.lower_ == preposition
            for g in prep.children if g.dep_ == "pobj"]


def subjects(verb: Token) -> list[Token]:
    """Active subjects of a verb, inherited through coordination and control ("visited X and met Y",
    "committed to withdrawing", "a resolution demanding")."""
    seen: set[int] = set()
    current = verb
    doc = verb.doc
    table = ParseTable.of(doc)  # the children read by index: a Token per child costs more than the test
    children, dep, pos = table.children, table.dep, table.pos
    for _ in range(6):
        if current.i in seen:
            break
        seen.add(current.i)
        at = children[current.i]
        found_at = [c for c in at if dep[c] in SUBJECT_DEPS and pos[c] != "SCONJ"]
        # "his country is committed": the parser sometimes hangs the subject on the auxiliary.
        found_at += [g for c in at if dep[c] in {"aux", "auxpass"} for g in children[c]
                     if dep[g] in _ANY_SUBJECT_DEPS]
        found = [doc[i] for i in found_at]
        if found:
            return [_author_of_document(s) for s in found]
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            if reduced_passive_patients(current):
                return []  # "abuses committed by X": the noun is what the participle was done to
            return [_author_of_document(current.head)]
        if current.dep_ in {"conj", "xcomp", "pcomp", "advcl"} or (
            current.dep_ == "pobj" and current.head.dep_ == "prep"
        ):
            controller = _controller(current)
            if controller:
                return controller
            current = current.head
            continue
        if current.dep_ == "prep" or current.dep_ == "acomp":
            current = current.head
            continue
        break
    return []


# "praised Kenya for freeing", "accused Egypt of arming": the preposition before a gerund whose doer is
# the verb's object, not its subject.
_OBJECT_CONTROL_PREPOSITIONS = {"for", "of"}


def listed_verb_subjects(verb: Token) -> list[Token]:
    """"he asked about the Brotherhood, called Omar a terrorist and said ...": a verb in a list of verbs that
    the parser hangs on the first one as an unlabelled dependent, with a comma before it and a coordinated
    verb after it, shares the first verb's subject."""
    head = verb.head
    if verb.dep_ != "dep" or verb.pos_ != "VERB" or head.pos_ != "VERB" or head.i > verb.i:
        return []
    if verb.i == 0 or verb.doc[verb.i - 1].text != "," or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    if not any(c.dep_ == "conj" and c.i > verb.i and c.pos_ == "VERB" for c in head.children):
        return []
    return subjects(head)


def _controller(clause: Token) -> list[Token]:
    """Who does the act of a clause with no subject of its own when it is not the governing verb's
    subject: the object of the verb a gerund explains ("praised Kenya for freeing the journalists",
    "accused Egypt of arming the rebels"), or the one a passive verb is about ("Russian forces were accused
    of shelling Kharkiv", "the envoy was sent to Cairo to negotiate"). Empty when the governing verb's
    subject does it."""
    if clause.dep_ == "pcomp" and clause.tag_ == "VBG":
        preposition = clause.head
        verb = preposition.head
        if preposition.dep_ != "prep" or preposition.lower_ not in _OBJECT_CONTROL_PREPOSITIONS:
            return []
        if verb.dep_ in {"dobj", "obj"} and verb.head.pos_ in {"VERB", "AUX"}:
            return [verb]  # "praised President Trump for pressing": the parser hangs "for" on the object
        if verb.pos_ not in {"VERB", "AUX"}:
            return []
        found = [c for c in verb.children if c.dep_ in {"dobj", "obj"} and c.pos_ != "ADP"]
        return found or _passive_only(verb)
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    if clause.dep_ in {"xcomp", "advcl"} and infinitive:
        return _passive_only(clause.head) if clause.head.pos_ in {"VERB", "AUX"} else []
    return []


def _passive_only(verb: Token) -> list[Token]:
    """The passive subject of a verb that has no active one."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]


def _author_of_document(noun: Token) -> Token:
    """'a resolution' voted on by parliament -> parliament; anything else -> itself."""
    if noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return noun
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    if governor.pos_ in {"VERB", "AUX"}:
        found = [c for c in governor.children if c.dep_ in SUBJECT_DEPS]
        if found:
            return found[0]
    return noun


def passive_patients(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]


def reduced_passive_patients(verb: Token) -> list[Token]:
    """"a village attacked by rebels", "abuses committed by the militia": a participle with a
    by-agent that modifies a noun is a passive relative clause cut short; the noun is its patient."""
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"} and any(
            c.dep_ == "agent" for c in verb.children):
        return [verb.head]
    return []


def participle_patients(verb: Token) -> list[Token]:
    """"14 opposition activists arrested during last year's protests", "a journalist jailed since 2021":
    a past participle that modifies a noun, with no subject or object of its own, is a passive relative
    clause cut short even with no by-agent; the noun is what it was done to. (Not a clause the tagger reads
    as past tense: taking those too gave "appearing at Wood Green Crown Court charged with affray" the
    court as the one charged, on the document gold's dev articles, and nothing on the authored ones.)"""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return []
    if any(c.dep_ in OBJECT_DEPS | SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in verb.children):
        return []
    return [verb.head]


def gapped_relative_object(verb: Token) -> list[Token]:
    """"a Catholic bishop they abducted", "the 13 UN employees it detained": a relative clause with a
    subject of its own and no object (nor relative pronoun standing for one) leaves out its object, which
    is the noun it modifies."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return []
    own = {c.dep_ for c in verb.children}
    if not own & SUBJECT_DEPS or own & (OBJECT_DEPS | PASSIVE_SUBJECT_DEPS | {"ccomp", "xcomp", "attr"}):
        return []
    if any(c.dep_ == "nsubj" and c.lower_ in {"who", "which", "that"} for c in verb.children):
        return []  # "the soldiers who detained him": the noun is the subject
    return [verb.head]


# "arrested during a raid", "killed in an air strike": prepositions that set a passive act inside another.
_CIRCUMSTANCE_PREPOSITIONS = {"in", "during", "amid"}


def circumstance_nouns(verb: Token) -> list[Token]:
    """The nouns a verb's act is set in: "arrested during a series of raids by police" -> raids (what a
    set counts, not the set), "killed in an air strike by Israeli jets" -> strike."""
    return [quantity_head(_counted(g)) for c in verb.children
            if c.dep_ == "prep" and c.lower_ in _CIRCUMSTANCE_PREPOSITIONS
            for g in c.children if g.dep_ == "pobj"]


def _counted(noun: Token) -> Token:
    """"a series of raids" -> raids: the acts a set noun counts."""
    if noun.lemma_.lower() not in _SET_NOUNS:
        return noun
    return next(iter(prepositional_objects(noun, "of")), noun)


_SET_NOUNS = {"series", "wave", "spate", "string", "round", "campaign", "number", "chain"}


def passive_agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def objects(verb: Token, prepositions: Iterable[str] = TARGET_PREPOSITIONS, *, with_direct: bool = True,
            shared: bool = True) -> list[Token]:
    """Recipients of a verb: its direct/indirect objects and the objects of recipient prepositions."""
    prepositions = set(prepositions)
    direct = []
    marked = []  # recipients behind a preposition, kept when the direct object is not one
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            # "providing aid to India": the parser may label the preposition itself as the dative.
            if child.pos_ == "ADP":
                pobjs = [g for g in child.children if g.dep_ == "pobj"]
                direct.extend(pobjs)
                if child.lower_ in prepositions:
                    marked.extend(pobjs)
            else:
                direct.append(child)
    # "gave the Dominican Republic 12 million dollars": the recipient of a double-object verb, folded by the
    # parser into the amount that follows it. A name is never a modifier placed before a numeral, so a
    # name standing before the amount's number is the indirect object.
    folded = [m for obj in direct for m in _recipients_before_amount(obj)]
    found = folded + (list(direct) if with_direct else marked)
    # "withdrawing its forces from Iraq": the parser often hangs the preposition on the object; "part of
    # its aid program for India": a partitive object's complements belong to what it counts.
    wholes = [whole for obj in direct if (whole := quantity_head(obj)) is not obj]
    for holder in (verb, *direct, *wholes):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in prepositions:
                found.extend(_prepositional_objects(prep))
    if not direct and not found and shared:
        # "donated and flew tents to the refugees": verbs joined before a shared object and recipient
        # (right-node raising); the first has no object of its own and takes its partner's.
        for partner in verb.children:
            if partner.dep_ == "conj" and partner.pos_ == "VERB" and not any(
                    c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in partner.children):
                found.extend(objects(partner, prepositions, with_direct=with_direct, shared=False))
                break
    # "on Monday", "for 3 hours" name no one; "dozens of Palestinians" (tagged CARDINAL) counts people
    return [t for t in found if t.ent_type_ not in NOT_ACTOR_ENTITIES or quantity_head(t).i != t.i]


def _prepositional_objects(prep: Token) -> list[Token]:
    """The object of a preposition. "restored relations with and reopened its embassy in Cairo": a
    preposition left without its object before a conjunction shares the object that ends the
    coordination (right-node raising)."""
    found = [g for g in prep.children if g.dep_ == "pobj"]
    if found:
        return found
    doc, sentence = prep.doc, sentence_of(prep)
    if prep.i + 1 >= sentence.end or doc[prep.i + 1].dep_ != "cc":
        return []
    return next(([t] for t in doc[prep.i + 2: sentence.end] if t.dep_ == "pobj"), [])


def _recipients_before_amount(obj: Token) -> list[Token]:
    numbers = [t for t in obj.subtree if t.i < obj.i and (t.pos_ == "NUM" or t.like_num)]
    if not numbers:
        return []
    return [c for c in obj.children if c.dep_ in {"compound", "nmod", "npadvmod", "appos"}
            and c.ent_type_ in _ACTOR_ENTITY_TYPES - {"NORP"} and c.i < numbers[0].i
            and not any(t.like_num for t in c.subtree)]


NOT_ACTOR_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_LOCATIVE = {"in", "at", "into", "inside", "throughout"}


# Links a recipient phrase misattached by the parser may hang from, below the trigger in its own clause:
# modifiers of the object ("fired water cannon laced with irritants at protesters"), an amount's
# complements ("provide 10 million dollars in aid to Myanmar"), a participle with no subject of its own.
_SAME_CLAUSE_LINKS = {"dobj", "obj", "prep", "pobj", "acl", "amod", "compound", "nmod", "npadvmod",
                      "quantmod", "nummod", "advmod", "prt"}


_CIRCUMSTANCE_LINKS = TEMPORAL_PREPOSITIONS | {"during", "amid", "despite", "over", "because", "as", "like",
                                               "unlike", "including", "except", "instead", "through", "via"}


def nested_recipients(verb: Token, prepositions: Iterable[str] = TARGET_PREPOSITIONS,
                      depth: int = 4) -> list[Token]:
    """Objects of recipient prepositions anywhere below a verb inside its own clause, nearest first:
    where the parser hung "at protesters" or "to Myanmar" on a word of the object instead of the verb.
    No clause with a subject of its own, no subject, no relative clause is entered."""
    prepositions = set(prepositions)
    found: list[tuple[int, int, Token]] = []
    frontier = [(c, 1) for c in verb.children if c.dep_ in _SAME_CLAUSE_LINKS]
    while frontier:
        token, level = frontier.pop()
        if token.dep_ == "acl" and any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in token.children):
            continue
        if token.dep_ == "prep" and token.lower_ in _CIRCUMSTANCE_LINKS:
            continue  # "deployed after threats against pilgrims": another act, the occasion of this one
        if token.dep_ == "prep" and token.lower_ in prepositions:
            found.extend((level, g.i, g) for g in token.children if g.dep_ == "pobj"
                         and g.ent_type_ not in NOT_ACTOR_ENTITIES)
        if level < depth:
            frontier.extend((c, level + 1) for c in token.children if c.dep_ in _SAME_CLAUSE_LINKS)
    return [token for _, _, token in sorted(found, key=lambda item: (item[0], item[1]))]


def clause_subjects_below(frame: Token) -> list[Token]:
    """Subjects of the clause a frame governs: "demanded that Hamas renounce ..." -> Hamas."""
    return [s for child in frame.children if child.dep_ in {"ccomp", "xcomp"}
            for s in child.children if s.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]


def complements(frame: Token) -> list[Token]:
    """The verbs of the act a frame governs: "threatened to sell", "is ready to send"."""
    return [c for c in frame.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"}]


def condition_subjects(frame: Token) -> list[Token]:
    """Who must act for a stated act to happen or not: "threatened to block the highway unless Sudan pays",
    "will lift the sanctions if Iran complies". The condition is laid on that actor, so it is the one
    the threat or the promise is addressed to."""
    return [s for holder in (frame, *complements(frame)) for clause in holder.children
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"unless", "if"}
                                              for m in clause.children)
            for s in clause.children if s.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]


def purpose_clauses(verb: Token) -> list[Token]:
    """Verbs of the to-infinitive purpose clauses of a verb: "marched to demand an apology from X",
    "blocked the port ... to voice their anger at X". A clause with its own subject, or one reached through
    another clause that has one, is someone else's purpose."""
    found = []
    for token in verb.subtree:
        if token.dep_ != "advcl" or token.pos_ != "VERB" or token.i == verb.i:
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue
        path, current = [token], token.head
        while current.i != verb.i and len(path) < 5:
            path.append(current)
            current = current.head
        if current.i == verb.i and not any(c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                                           for t in path for c in t.children):
            found.append(token)
    return found


# Verbs that answer a demand: their subject is the one it was made of. Not any verb ("reported the call",
# "approved a request from X", "called the demands unrealistic"): on the document gold's dev half those
# made records of words that name no request to anyone.
ANSWERING_VERBS = {"agree", "accept", "reject", "refuse", "meet", "heed", "ignore", "comply", "grant",
                   "satisfy", "bow", "yield", "respond", "answer", "dismiss", "concede"}


def answering_subjects(noun: Token) -> list[Token]:
    """The subject of the verb that answers a demand named by its object, directly or behind a
    preposition: "Trump agrees to Beijing's demands" -> Trump, "Kenya rejected the calls" -> Kenya."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ not in OBJECT_DEPS:
        return []
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in ANSWERING_VERBS:
        return []
    return [c for c in verb.children if c.dep_ == "nsubj"]


# Verbs whose subject is the one an act is done to, the act named by their object and its doer by "from"
# or the act noun's own "of"/possessive: "received aid from X", "won the backing of X", "got X's support",
# "drew criticism from X", "faced sanctions from X".
RECEIVING_VERBS = {"receive", "win", "get", "gain", "secure", "obtain", "earn", "garner", "enjoy", "draw",
                   "attract", "face", "incur"}


# Verbs of hosting a visit: "X was received by the president" names the visitor as the one who comes (the
# source of the meeting) and the host as the one met, whatever the voice says.
HOSTING_VERBS = {"receive", "welcome", "host", "greet"}


def is_receiving_verb(verb: Token) -> bool:
    return verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in RECEIVING_VERBS


def givers(verb: Token, is_act: Callable[[Token], bool]) -> list[Token]:
    """Who gave what a receiving verb's subject received: the object of "from" on the verb or on its
    direct object ("received food vouchers from Brazil", "received a warm endorsement from the leader",
    "won pledges of support from Germany"), else, when the object names an act (`is_act`), the doer
    that act names ("won the endorsement of the prime minister", "won Germany's backing", "gets an IMF
    loan"). None for a verb that is no receiving verb."""
    if not is_receiving_verb(verb):
        return []
    direct = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    holders = [verb, *direct, *(g for d in direct for g in prepositional_objects(d, "of"))]
    found = [g for holder in holders for g in prepositional_objects(holder, "from")]
    if found:
        return found
    return [g for d in direct if is_act(d)
            for g in (*(c for c in d.children if c.dep_ == "poss"
                        or (c.dep_ in {"compound", "amod"} and c.ent_type_ in _NAMED_GIVERS)),
                      *prepositional_objects(d, "of"))
            if g.pos_ in {"PROPN", "NOUN", "ADJ"}]


# A name as a modifier of what is received names its giver: "an IMF loan", "Chinese aid", "U.S. backing".
_NAMED_GIVERS = {"ORG", "GPE", "NORP"}


# Verbs of going somewhere: an act named as what one went for is one's own ("arrived in Mogadishu for
# talks with X", "returned to Bamako for discussions").
MOTION_VERBS = {"arrive", "travel", "come", "return", "fly", "head", "go", "leave", "land", "set", "jet"}


def traveller_for(noun: Token) -> list[Token]:
    """The subject of a verb of going whose "for" phrase names the noun: who went for the act."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for":
        return []
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in MOTION_VERBS:
        return []
    return subjects(verb)


# Where a meeting is the setting of what its party did: "arrived for talks", "said on a visit to", "hailed
# ... during a state visit", "spent Tuesday in discussions with".
_SETTING_PREPOSITIONS = {"for", "during", "on", "in", "at"}
# Verbs whose subject is there in person at the meeting that is their setting: going, being, spending time,
# and saying (a thing said at talks is said by one who takes part in them). Not any act: police who arrest
# protesters during talks take no part in the talks.
_PRESENT_VERBS = MOTION_VERBS | REPORTING_VERBS | {"be", "spend", "hail", "express", "praise", "welcome",
                                                   "thank", "pledge", "sign", "discuss", "raise"}


def present_at(noun: Token) -> list[Token]:
    """Who takes part in a meeting that is the setting of what they did: the subject of a verb of going,
    being or saying whose "for", "during", "on" or "in" phrase names the meeting, also through a measure
    of it ("arrived in Suva for two days of talks with", "flew to Port Moresby for a fresh round of
    consultations", "said on a visit to Chisinau")."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "two days of talks", "a round of consultations"
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _SETTING_PREPOSITIONS:
        return []
    verb = prep.head
    if verb.pos_ == "ADJ" and verb.dep_ == "acomp":  # "is due in Brussels for meetings"
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in _PRESENT_VERBS:
        return []
    return [s for s in subjects(verb) if s.pos_ != "PRON" or s.lower_ not in {"it", "this", "that"}]


def comma_joined_party(subject: Token) -> Token | None:
    """"Iran, Saudi Arabia agree to restore ties", "Nepal, India agree to ...": a headline joins two
    parties with a comma where prose says "and"; the parser hangs the first on the verb (as a modifier
    or a loose dependent) and keeps only the second as its subject. The first party is a name that opens
    the sentence, stands right before the comma before the subject and hangs on the subject's verb; both
    are names of actors (not a place and its country: the first must not be the subject's own modifier)."""
    if subject.dep_ not in SUBJECT_DEPS or subject.ent_type_ not in _ACTOR_ENTITY_TYPES:
        return None
    start = min(t.i for t in subject.subtree)
    sentence = subject.sent
    if start < sentence.start + 2 or subject.doc[start - 1].text != ",":
        return None
    party = subject.doc[start - 2]
    while party.dep_ == "compound" and party.head.i < start - 1:  # "Saudi Arabia, Iran ...": the name's head
        party = party.head
    if party.head.i != subject.head.i or party.dep_ not in {"npadvmod", "dep", "nsubj", "appos", "advmod"}:
        return None
    if party.ent_type_ not in _ACTOR_ENTITY_TYPES or min(t.i for t in party.subtree) != sentence.start:
        return None
    if max(t.i for t in party.subtree) != start - 2:
        return None
    return party



def relative_clause_objects(noun: Token) -> list[Token]:
    """What an event did, told in its relative clause: "an offensive that encircled the city", "an attack
    which killed ten soldiers". The relative pronoun is the event, so the clause's object is its
    recipient."""
    return [t for clause in noun.children if clause.dep_ == "relcl" and clause.pos_ == "VERB"
            and any(c.dep_ == "nsubj" and c.lower_ in {"that", "which"} for c in clause.children)
            for t in objects(clause)]


def is_infinitive(verb: Token) -> bool:
    """A to-infinitive ("urged him to allow") or a bare one ("let them go", "made them leave"): a clause
    whose subject is the governing verb's object, never its subject."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.lower_ == "to" for c in auxiliaries):
        return True
    return verb.tag_ == "VB" and not auxiliaries


def infinitive_subjects(verb: Token) -> list[Token]:
    """Who a verb makes or lets act: "allowed the opposition leader to hold a rally" -> the leader, "let
    them go" -> them. The parser gives the one acted upon as the subject of the infinitive it governs."""
    return [s for child in verb.children if child.dep_ in {"ccomp", "xcomp"} and is_infinitive(child)
            for s in child.children if s.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]


def controlling_verb(token: Token) -> Token | None:
    """The verb that has its object do the act of a to-infinitive: "ordered the newspaper to close",
    "allowed the opposition to march" (through the light verb of a noun: "to hold a rally")."""
    verb = token if token.pos_ in {"VERB", "AUX"} else light_verb_of(token)
    if verb is None or verb.dep_ != "xcomp" or verb.head.pos_ != "VERB":
        return None
    return verb.head if controlled_objects(verb.head) else None


def controlled_objects(verb: Token) -> list[Token]:
    """Who a control verb has act: its direct object."""
    return [c for c in verb.children if c.dep_ in {"dobj", "obj"} and c.pos_ != "ADP"]


def places_of_act(token: Token) -> list[Token]:
    """Named places where an act is done: "imposed a curfew in Algiers", "evacuate settlements in the
    Gaza Strip" (on the verb or on its object)."""
    holders = [token, *(c for c in token.children if c.dep_ in OBJECT_DEPS)]
    return [named for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ in _LOCATIVE
            for g in c.children if g.dep_ == "pobj" for named in _named_place(g)]


_PLACE_ENTITIES = {"GPE", "LOC", "FAC"}


def _named_place(noun: Token) -> list[Token]:
    """The name of a place phrase: "Oran", or the name before a common noun ("Khartoum province",
    "the Gaza city") that only says what kind of place it is."""
    if noun.ent_type_ in _PLACE_ENTITIES:
        return [noun]
    named = [c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in _PLACE_ENTITIES]
    # "the coastal town of Izmir", "the province of Idlib": the kind of place, then its name
    named += [g for g in prepositional_objects(noun, "of") if g.ent_type_ in _PLACE_ENTITIES]
    return named[:1]


def purpose_phrase_targets(verb: Token) -> list[Token]:
    """"deployed warships for an offensive against the rebels": the act a "for" phrase names as the
    purpose (on the verb or on its object) is aimed at its own recipient."""
    holders = [verb, *(c for c in verb.children if c.dep_ in OBJECT_DEPS)]
    return [g for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ == "for"
            for purpose in c.children if purpose.dep_ == "pobj"
            for p in purpose.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPOSITIONS - {"for"}
            for g in p.children if g.dep_ == "pobj" and g.ent_type_ not in NOT_ACTOR_ENTITIES]


def between_parties(token: Token) -> list[Token]:
    """'between X and Y' attached to the trigger or to the verb that carries it."""
    for holder in (token, token.head):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                found = [g for g in child.children if g.dep_ == "pobj"]
                first = _party_folded_into(found[0]) if len(found) == 1 and not found[0].conjuncts else None
                return [first, *found] if first is not None else found
    return []


def _party_folded_into(second: Token) -> Token | None:
    """"between Trump and Chinese vice-premier Liu He": the parser may hang the first party, with the
    "and", on the second one's name as a modifier."""
    return next((m for m in second.subtree if m.i < second.i and m.dep_ in {"nmod", "compound"}
                 and any(c.dep_ == "cc" for c in m.children)), None)


_ACTOR_ENTITY_TYPES = {"GPE", "NORP", "ORG", "PERSON"}


def noun_roles(noun: Token, of_is_target: bool = False) -> tuple[list[Token], list[Token]]:
    """Source and target of a noun trigger: "Iran's attack on X", "the visit of X to Y", "strike by X";
    "the killing of X" names the victim (of_is_target)."""
    source: list[Token] = []
    target: list[Token] = []
    for child in noun.children:
        modifier_actor = child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in _ACTOR_ENTITY_TYPES
        if child.dep_ == "poss" or modifier_actor:
            source.append(child)
        elif child.dep_ == "prep":
            pobjs = [g for g in child.children if g.dep_ == "pobj"]
            if child.lower_ == "by":
                source.extend(pobjs)
            elif child.lower_ == "of":
                (target if of_is_target else source).extend(pobjs)
            elif child.lower_ in TARGET_PREPOSITIONS:
                target.extend(pobjs)
    return source, target


QUANTITY_NOUNS = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million",
                  "millions", "number", "group", "crowd", "scores", "handful", "majority", "some", "many",
                  "members", "member", "part"}


def quantity_head(token: Token) -> Token:
    """"Thousands of Iraqi Kurds" -> Kurds; "members of the association" -> association."""
    current = token
    for _ in range(3):
        if current.lemma_.lower() not in QUANTITY_NOUNS and current.lower_ not in QUANTITY_NOUNS:
            return current
        of_objects = prepositional_objects(current, "of")
        if not of_objects:
            return current
        current = of_objects[0]
    return current


def actor_modifiers(noun: Token) -> list[Token]:
    """Who owns a non-actor noun: "a U.S. request", "Iran's offer", "calls by Kofi Annan", "an offer
    from Afghanistan"."""
    found = [c for c in noun.children if c.dep_ == "poss"
             or (c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in _ACTOR_ENTITY_TYPES)]
    found.extend(g for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}
                 for g in c.children if g.dep_ == "pobj")
    # "abuses committed by the army", "killings carried out by the militia": the agent of the
    # participle that describes the deed.
    found.extend(g for clause in noun.children if clause.dep_ == "acl"
                 for c in clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")
    return [t for t in found if t.pos_ != "PRON" or t.lower_ not in {"its", "their", "his", "her"}] or found


def light_verb_of(noun: Token) -> Token | None:
    """The verb that carries a noun trigger: "held a meeting", "a meeting will be held", "launched a
    mediation effort"."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        noun = noun.head
    head = noun.head
    # Only a verb that does no more than carry the noun lends it its subject: "launched an attack" is
    # the subject's attack, "fled the fighting" is not the residents' fighting.
    carried = noun.dep_ in OBJECT_DEPS | PASSIVE_SUBJECT_DEPS | SUBJECT_DEPS | {"attr"}
    if carried and head.pos_ in {"VERB", "AUX"} and (is_light_verb(head) or noun.dep_ not in OBJECT_DEPS):
        return head
    # "were engaged in ethnic cleansing", "took part in the protest"
    if noun.dep_ == "pobj" and head.lower_ == "in" and is_light_verb(head.head):
        return head.head
    return None


def expand_conjuncts(token: Token) -> list[Token]:
    """'X and Y' -> [X, Y] (compound actors stay together in one role). A name right after a title and a
    comma is an apposition the parser took for a conjunct ("the Prime Minister, Narendra Modi, and
    the state governors"): it names the title, it is not a second actor."""
    parts = [token, *[c for c in token.conjuncts if c.i > token.i]]
    kept: list[Token] = []
    for part in parts:
        names_previous = kept and part.ent_type_ == "PERSON" and kept[-1].ent_type_ == ""
        if names_previous and _only_comma_between(kept[-1], part):
            kept[-1] = part
            continue
        kept.append(part)
    return kept


def named_in_apposition(token: Token) -> list[Token]:
    """"the only two states to have signed - Egypt and Jordan - criticised ...": a common noun that
    describes the names set beside it in apposition stands for them (each of a coordination); a name, or a
    noun with no named apposition, stands for itself."""
    if token.ent_type_ or token.pos_ != "NOUN":
        return [token]
    named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ in _ACTOR_ENTITY_TYPES
                  and c.i > token.i and not bracketed(c)), None)
    if named is None:
        return [token]
    names = expand_conjuncts(named)
    if len(names) == 1 and named.ent_type_ in {"ORG", "PERSON"}:
        # "the newspaper Al Ayyam": one organisation or person, which the mention reader resolves with what
        # the noun says of it (an unknown paper is still the press)
        return [token]
    return names


def bracketed(token: Token) -> bool:
    """"the State Attorney General (NYAG)": a phrase in brackets right after a name is its abbreviation,
    another word for the same actor, not the name that the phrase before it describes."""
    subtree = list(token.subtree)
    doc = token.doc
    first, last = subtree[0].i, subtree[-1].i
    return first > 0 and doc[first - 1].text == "(" and last + 1 < len(doc) and doc[last + 1].text == ")"


def _only_comma_between(left: Token, right: Token) -> bool:
    last_of_left = max(t.i for t in phrase_tokens(left))
    first_of_right = min(t.i for t in right.subtree)
    between = left.doc[last_of_left + 1: first_of_right]
    return len(between) == 1 and between[0].text == ","


def has_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


# "No troops were withdrawn", "police arrested nobody", "neither Kigali nor Kinshasa has agreed": a
# negative quantifier on the subject or the object denies the act as surely as "not" does.
_NEGATIVE_DETERMINERS = {"no", "neither"}
_NEGATIVE_PRONOUNS = {"nobody", "nothing", "none", "noone", "no-one"}
# "A bid to investigate the minister failed", "the attempt to broker a deal collapsed": the act an
# attempt names did not take place when the attempt is said to fail.
ATTEMPT_NOUNS = {"bid", "attempt", "effort", "push", "drive", "move", "initiative", "proposal", "motion",
                 "plan", "try", "campaign"}
FAILURE_VERBS = {"fail", "collapse", "founder", "falter", "stall"}
# Links through which a governor's negation reaches the act it names: control ("did not try to arrest"),
# a noun's complement ("has given no order to pull out", "no plans to send", "no intention of attacking").
_NEGATION_CARRYING_DEPS = {"xcomp", "acl"}


def _negative_phrase(noun: Token) -> bool:
    if noun.lower_ in _NEGATIVE_PRONOUNS:
        return True
    return any(c.dep_ in {"det", "preconj"} and c.lower_ in _NEGATIVE_DETERMINERS for c in noun.children)


def _negated_here(holder: Token) -> bool:
    """Negation on this word itself: "not"/"never" (not "not only ... but"), "nor do we endorse", a
    negative determiner on a noun ("no withdrawal"), or a negative subject or object of a verb."""
    doc = holder.doc
    for child in holder.children:
        if child.dep_ == "neg" and not (child.i + 1 < len(doc) and doc[child.i + 1].lower_ == "only"):
            return True
    if holder.pos_ in {"NOUN", "PROPN"}:
        return _negative_phrase(holder)
    if holder.dep_ == "conj" and any(c.dep_ in {"cc", "preconj"} and c.lower_ == "nor" and c.i < holder.i
                                     for c in (*holder.head.children, *holder.children)):
        return True
    return any(_negative_phrase(c) for c in holder.children
               if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS | OBJECT_DEPS)


def negated(token: Token) -> Token | None:
    """The word whose negation says the trigger's act did not (or will not) happen, or None.

    Scope is the trigger's own clause (its light verb for a noun: "did not hold talks"), verbs that share
    its auxiliary and subject ("did not arrest or charge"), the governors that control it
    ("did not try to arrest", "has given no order to pull out the troops", "no plans to send"), "without"
    ("withdrew without agreeing to a ceasefire"), and a failed attempt ("a bid to investigate ... failed").
    A negated reporting verb or a clause with its own subject is outside the scope."""
    holders = [token]
    carrier = light_verb_of(token) if token.pos_ == "NOUN" else None
    if carrier is not None:
        holders.append(carrier)
    elif token.pos_ == "NOUN" and token.dep_ in OBJECT_DEPS and token.head.pos_ in {"VERB", "AUX"}:
        holders.append(token.head)  # "did not attend the summit"
    current = holders[-1]
    for _ in range(3):
        head = current.head
        if head.i == current.i:  # the root (a new Token per `.head`: compare by index)
            break
        shares_clause = current.dep_ == "conj" and not any(
            c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in current.children) and any(
            c.dep_ == "cc" and c.lower_ in {"and", "or", "nor"} for c in head.children)
        if current.dep_ in _NEGATION_CARRYING_DEPS or shares_clause or (
                current.dep_ in {"pcomp", "pobj"} and head.lower_ == "of" and head.head.pos_ == "NOUN"):
            holders.append(head if head.lower_ != "of" else head.head)
            current = holders[-1]
            continue
        if current.dep_ in {"pcomp", "pobj"} and head.lower_ == "without":
            return head
        break
    for holder in holders:
        if _negated_here(holder):
            return holder
        if holder.pos_ == "NOUN" and holder.lemma_.lower() in ATTEMPT_NOUNS and holder.dep_ in SUBJECT_DEPS \
                and holder.head.lemma_.lower() in FAILURE_VERBS:
            return holder.head
    return None


def auxiliaries(token: Token) -> set[str]:
    table = ParseTable.of(token.doc)  # by index: no Token per child
    return {table.lower[c] for c in table.children[token.i] if table.dep[c] in {"aux", "auxpass"}}


def governors(token: Token, limit: int = 4) -> Iterator[Token]:
    """The chain of heads above a token, up to the sentence root (the root is its own head: the chain
    stops there). Compared by index: spaCy makes a new Token on every `.head`, so `is` never holds."""
    current = token
    for _ in range(limit):
        head = current.head
        if head.i == current.i:
            return
        current = head
        yield current


def opens_a_condition(clause: Token) -> bool:
    """Is the clause headed by this word marked as a condition or an indirect question (if, unless,
    whether)?"""
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in clause.children)


def in_condition(token: Token) -> bool:
    return any(opens_a_condition(holder) for holder in (token, *governors(token)))


def has_condition_clause(token: Token) -> bool:
    """"will withdraw ... unless X arranges a ceasefire": the act is made conditional on another."""
    return any(child.dep_ == "advcl" and opens_a_condition(child) for child in token.children)


OBLIGATION_AUX = {"must", "should", "ought"}


def obliged(token: Token) -> bool:
    """"Libya must hand over the suspects": an obligation someone states."""
    holders = [token, *(g for g in governors(token, limit=2) if g.pos_ in {"AUX", "VERB", "ADJ"})]
    return any(auxiliaries(holder) & OBLIGATION_AUX for holder in holders[:2])


def reporting_verb_above(token: Token) -> Token | None:
    """The verb of saying whose content the token's clause is ("the spokesman said that ... met")."""
    for holder in governors(token, limit=6):
        if holder.pos_ in {"VERB", "AUX"} and holder.lemma_.lower() in REPORTING_VERBS:
            return holder
    sentence = sentence_of(token)
    root = sentence.root
    # "... , the spokesman said." - the report is the sentence root, the event sits in a parataxis/ccomp.
    if root.lemma_.lower() in REPORTING_VERBS and root.i != token.i:
        return root
    return None


def quoted(token: Token) -> bool:
    """Is the token between quotation marks within its sentence?"""
    marks = 0
    for other in sentence_of(token):
        if other.i >= token.i:
            break
        if other.is_quote or other.text in {"“", "”", '"'}:
            marks += 1
    return marks % 2 == 1


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of an actor head: modifiers, the head and its 'of'-complements; no clauses."""
    keep_deps = {"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod", "predet", "prep",
                 "pobj", "punct", "cc", "conj", "advmod", "npadvmod"}
    selected = [head]
    stack = list(head.children)
    # "Trump and Chinese vice-premier Liu He": no person is named "X and ... Y"; X is another party
    folded = _party_folded_into(head) if head.ent_type_ == "PERSON" else None
    while stack:
        child = stack.pop()
        if child.dep_ in {"appos", "acl", "relcl", "conj", "cc"} and child.head.i == head.i:
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            continue
        if child == folded:  # its "conjuncts" are the second party's own modifiers
            stack.extend(c for c in child.children if c.dep_ == "conj")
            continue
        if child.dep_ not in keep_deps:
            continue
        selected.append(child)
        stack.extend(child.children)
    selected.sort(key=lambda t: t.i)
    while selected and (selected[0].dep_ in {"punct", "cc", "det"} or selected[0].is_punct):
        selected.pop(0)
    while selected and (selected[-1].is_punct or selected[-1].dep_ == "cc"):
        selected.pop()
    return _whole_words(selected) if selected else [head]


def _joined(left: Token, right: Token) -> bool:
    """Two tokens written as one word: no space between, and a hyphen or letters/digits at the join
    ("Jaish-e-Mohammed", "al-Sadr"), which the tokenizer split and the parser may attach anywhere."""
    hyphen = "-" in (left.text, right.text)
    return not left.whitespace_ and (hyphen or (left.is_alpha and right.is_alpha))


def _whole_words(tokens: list[Token]) -> list[Token]:
    """The phrase widened to the whole written words at its ends."""
    doc, first, last = tokens[0].doc, tokens[0].i, tokens[-1].i
    start, end = first, last
    while start > 0 and _joined(doc[start - 1], doc[start]):
        start -= 1
    while end + 1 < len(doc) and _joined(doc[end], doc[end + 1]):
        end += 1
    if (start, end) == (first, last):
        return tokens
    return [doc[i] for i in range(start, first)] + tokens + [doc[i] for i in range(last + 1, end + 1)]


def entity_at(token: Token) -> Span | None:
    """The named entity a token is part of (an index built once per document)."""
    index = token.doc.user_data.get("eventwire.entity_of")
    if index is None:
        index = {i: entity for entity in token.doc.ents for i in range(entity.start, entity.end)}
        token.doc.user_data["eventwire.entity_of"] = index
    return index.get(token.i)


def sentence_of(token: Token) -> Span:
    """token.sent searches the document's sentences on every call; this looks them up once per doc."""
    index = token.doc.user_data.get("eventwire.sentence_of")
    if index is None:
        index = [None] * len(token.doc)
        for sentence in token.doc.sents:
            for i in range(sentence.start, sentence.end):
                index[i] = sentence
        token.doc.user_data["eventwire.sentence_of"] = index
    return index[token.i]


# What a law, a treaty or a rule says is no act ("the law bans public gatherings", "under the charter the
# council may call on member states"): these nouns as the subject of a present-tense clause, or after
# "under", make the clause a rule statement.
RULE_NOUNS = {"law", "constitution", "charter", "treaty", "convention", "rule", "regulation", "code",
              "statute", "act", "bill", "decree", "legislation", "provision", "clause", "article", "protocol",
              "ordinance"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_RULE_MODALS = {"must", "may", "can", "shall"}


def _clause_verb(token: Token) -> Token:
    return token if token.pos_ in {"VERB", "AUX"} else (light_verb_of(token) or clause_head(token))


def _present_clause(verb: Token) -> bool:
    """A present-tense clause without a marker of time: "bans", "allow", "must be released"."""
    words = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    if any(w.tag_ in {"VBD", "VBN"} and w.dep_ in {"aux", "auxpass"} and w.lower_ not in {"been"}
           for w in words[1:]) or any(w.lower_ in FUTURE_AUX | {"would", "could", "might", "did"}
                                      for w in words[1:]):
        return False
    return any(w.tag_ in _PRESENT_TAGS or w.lower_ in _RULE_MODALS for w in words)


def states_a_rule(token: Token) -> bool:
    """Does the trigger's clause say what a law, treaty or rule provides ("the law bans ...", "under the
    charter, the council may ...") rather than report an act?"""
    verb = _clause_verb(token)
    # "the constitution allows the president to deploy troops": the act is what the rule's verb governs
    while verb.dep_ in {"xcomp", "ccomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or not _present_clause(verb):
        return False
    subjects_here = [c for c in verb.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    if any(s.lemma_.lower() in RULE_NOUNS for s in subjects_here):
        return True
    # "under Japanese law", "under the Geneva Conventions", "under Chapter VII of the Charter"
    for holder in (verb, *governors(verb, limit=2)):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "under" and any(
                    _names_a_rule(g) for g in prep.children if g.dep_ == "pobj"):
                return True
    return False


def _names_a_rule(noun: Token) -> bool:
    of_objects = prepositional_objects(noun, "of")
    return any(n.lemma_.lower() in RULE_NOUNS for n in (noun, *of_objects))


# --- acts mentioned, not reported -------------------------------------------------------------------------
# A trigger word can name an act the sentence does not report as news: a participle describing a person
# ("a woman visiting from abroad", "militants fighting in Syria"), an act only wanted or plotted ("wants the
# UK to extradite him", "plotting an attack", "paved the way for the annexation"), an earlier act named
# by its year ("a 2010 allegation"), a habit ("defied Washington for decades"), a perfect infinitive of
# background ("the only states to have signed treaties"), a question asked about a topic ("asked about
# the Brotherhood") or a refusal to speak ("declined to comment"). `mentioned_only` says which, or None.

# Verbs and nouns under which an act is only wished, plotted or prepared for.
_UNREALISED_GOVERNORS = {"want", "wish", "hope", "plot", "conspire", "scheme", "dream", "pave", "aspire"}
# "working for his release", "campaigning for the release": the act is the goal, not done.
_GOAL_VERBS = {"work", "campaign", "lobby", "push", "fight", "press", "strive", "agitate"}
# Links through which a governor's wish or plot reaches the act it names (no clause of its own between).
_COMPLEMENT_LINKS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp"}
# "for decades", "for years": a span of habit or history, not one act on one day.
_HABIT_SPANS = {"decade", "decades", "year", "years", "generation", "generations", "century", "centuries"}
# "routinely detain", "often attack": frequency makes the clause a habit.
_FREQUENCY_ADVERBS = {"often", "routinely", "regularly", "usually", "frequently", "typically",
                      "traditionally", "customarily", "habitually", "generally", "sometimes", "always"}
# What a refusal to speak or a question is about: no act refused or requested.
_SPEAKING_VERBS = {"comment", "say", "elaborate", "discuss", "speak", "answer", "confirm", "disclose",
                   "respond", "specify", "detail", "reveal", "identify", "name"}
# "The arrest comes days after ...", "the raid follows months of ...": the act named as a subject of
# its timing is the one the article already told.
_TIMING_VERBS = {"come", "follow"}


def _clause_verb_of(token: Token) -> Token:
    return token if token.pos_ in {"VERB", "AUX"} else (light_verb_of(token) or token)


def describes_participant(token: Token) -> bool:
    """"a woman visiting from Canada", "jihadists fighting in Iraq", "lawmakers defending the budget": a
    present participle hanging on a noun says what someone is or does, not an act done on a day."""
    return (token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ == "acl"
            and token.head.pos_ in {"NOUN", "PROPN"} and token.head.dep_ != "ROOT"
            and token.head.lemma_.lower() not in DOCUMENT_NOUNS)


def unrealised(token: Token) -> bool:
    """Is the act only wanted, plotted or worked for? Followed up through complements only, so a wish in
    another clause ("X, who hopes for peace, attacked ...") does not reach it."""
    current = token
    for _ in range(4):
        if current.dep_ not in _COMPLEMENT_LINKS or current.head.i == current.i:
            return False
        if current.dep_ == "prep" and current.lower_ in TEMPORAL_PREPOSITIONS | {"during", "amid", "despite"}:
            return False  # "pressing for his release during the meeting": the meeting is a circumstance
        head = current.head
        lemma = head.lemma_.lower()
        if lemma in _UNREALISED_GOVERNORS or (head.pos_ == "NOUN" and lemma in {"plot", "plan", "wish"}):
            return True
        if current.dep_ == "prep" and current.lower_ == "for" and lemma in _GOAL_VERBS:
            return True
        current = head
    return False


def habitual(token: Token) -> bool:
    """"defied the US for decades", "police routinely detain": a habit or a history, not an event."""
    verb = _clause_verb_of(token)
    if verb.dep_ == "xcomp" and (verb.head.lemma_.lower() == "tend" or (
            verb.head.lower_ == "known" and any(c.dep_ == "auxpass" for c in verb.head.children))):
        return True  # "tend to kidnap foreigners", "are known to detain opposition workers"
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in _FREQUENCY_ADVERBS:
            return True
        if child.dep_ == "prep" and child.lower_ == "for" and any(
                g.dep_ == "pobj" and g.lower_ in _HABIT_SPANS for g in child.children):
            return True
    return False


def perfect_infinitive(token: Token) -> bool:
    """"the only two states to have signed peace treaties": a perfect infinitive names what someone has
    done before, to say who they are."""
    verb = _clause_verb_of(token)
    aux = auxiliaries(verb)
    return "to" in aux and "have" in aux


def named_by_earlier_year(token: Token, year: int | None) -> bool:
    """"a 2010 rape allegation", "the 2019 attack", "last year's raid": an act named by a year set before
    the noun is a name for an earlier act the article points at (the document gold codes none). An act
    dated after the noun ("the arrest in 2019", "the annexation of Crimea in 2014") is told with its date:
    an event, dated as written (GUIDELINE.md, "Background acts")."""
    if token.pos_ != "NOUN" or year is None:
        return False
    before = [t for t in token.subtree if t.i < token.i and t.dep_ != "poss"]
    if any(_year_before(t, year) for t in before):
        return True
    # "last year's raid": a possessive of a past period names the act too
    return any(t.dep_ == "poss" and t.lower_ in _PAST_PERIODS and any(c.lower_ == "last" for c in t.children)
               for t in token.children)


def _year_before(word: Token, year: int) -> bool:
    return word.like_num and len(word.text) == 4 and word.text.isdigit() and 1900 <= int(word.text) < year


# "as part of an investigation", "the latest in a series of attacks": the act is one of a set the
# sentence places something in, not the news it reports.
_PARTITIVE_NOUNS = {"part", "series", "string", "spate", "wave", "chain", "history", "legacy"}


def one_of_a_set(token: Token) -> bool:
    """"the latest in a series of attacks", "as part of an investigation". A set that is the subject of its
    own clause ("a series of attacks left 130 people dead in Paris") is told as an act and stays."""
    if not (token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "of"):
        return False
    partitive = token.head.head
    return (partitive.lemma_.lower() in _PARTITIVE_NOUNS
            and partitive.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)


def described_by_participle(token: Token) -> bool:
    """"arrested two teenagers, accused of plotting an attack": a bare past participle set beside a
    noun, with no auxiliary, subject or by-agent, says what that person is held to be. (A participle on
    a noun the parser made the root is the sentence's own verb misread: "The Authority ... called for".)
    One with its own date ("the former spy chief, convicted in 2015 of ...") tells a specific act: it
    stays, dated by that expression."""
    if token.pos_ != "VERB" or token.tag_ != "VBN" or token.dep_ not in {"advcl", "acl"}:
        return False
    if token.head.dep_ == "ROOT" and token.head.pos_ in {"NOUN", "PROPN"}:
        return False
    if has_own_date(token):
        return False
    return not any(c.dep_ in {"aux", "auxpass", "agent"} | SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                   for c in token.children)


_PAST_SPANS = {"ago"}
_PAST_PERIODS = {"year", "spring", "summer", "autumn", "winter", "decade", "century", "month", "week"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
           "oct", "nov", "dec"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def has_own_date(verb: Token) -> bool:
    """Does the clause of `verb` carry a date of its own ("in 2015", "in March", "on Monday", "three
    years ago", "last spring")? Only its modifiers are read, not the clauses below it."""
    for child in verb.children:
        if child.dep_ not in {"prep", "npadvmod", "advmod", "tmod", "obl"}:
            continue
        for word in child.subtree:
            if word.dep_ in {"relcl", "acl", "advcl", "ccomp"} and word.i != child.i:
                break
            lower = word.lower_
            if lower in _MONTHS - {"may", "march"} or lower in _WEEKDAYS or lower in _PAST_SPANS:
                return True
            if lower in {"may", "march"} and word.pos_ == "PROPN":
                return True
            if word.text.isdigit() and len(word.text) == 4 and 1900 <= int(word.text) <= 2100:
                return True  # a year
            if lower in _PAST_PERIODS and any(c.lower_ == "last" for c in word.children):
                return True
    return False


def asked_as_question(token: Token) -> bool:
    """"Will the ceasefire hold?", "Why do attacks on schools keep happening?": a question in the body
    of an article asks; it reports no act."""
    sentence = sentence_of(token)
    last = next((t for t in reversed(sentence) if not t.is_space and not t.is_quote), None)
    return last is not None and last.text == "?"


def refers_by_timing(token: Token) -> bool:
    """"Mr X's arrest comes days after ...": the act is the subject of its own timing."""
    return token.pos_ == "NOUN" and token.dep_ == "nsubj" and token.head.lemma_.lower() in _TIMING_VERBS


def speaks_of_no_act(token: Token) -> bool:
    """"declined to comment", "asked about the Brotherhood": a refusal to speak, a question on a topic."""
    if token.pos_ != "VERB":
        return False
    complements_here = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"}]
    if any(c.lemma_.lower() in _SPEAKING_VERBS for c in complements_here):
        return True
    asks_about = any(c.dep_ == "prep" and c.lower_ == "about" for c in token.children)
    return asks_about and not complements_here and not any(c.dep_ in OBJECT_DEPS for c in token.children)


def mentioned_only(token: Token, year: int | None = None) -> str | None:
    """Why the trigger names an act the sentence does not report, or None (see the section's comment)."""
    checks = (("participle", describes_participant), ("unrealised", unrealised), ("habit", habitual),
              ("perfect infinitive", perfect_infinitive), ("timing subject", refers_by_timing),
              ("no act spoken of", speaks_of_no_act), ("one of a set", one_of_a_set),
              ("participle of a person", described_by_participle))
    for reason, check in checks:
        if check(token):
            return reason
    if named_by_earlier_year(token, year):
        return "earlier year"
    if asked_as_question(token):
        return "question"
    return None


# Prepositions that name a talk as the occasion of what a clause says was done or said: "told him in a
# phone call", "warned Putin during their meeting" (not "on": "briefed on the talks" names their topic).
_OCCASION_PREPOSITIONS = {"in", "during"}
# Only what is said in a talk makes its sayer a party: "police arrested protesters during the talks" does not.
_SAID_IN_TALKS = REPORTING_VERBS | {"order", "urge", "ask", "assure", "promise", "discuss", "agree", "press",
                                    "invite", "thank", "congratulate"}


def occasion_parties(noun: Token) -> tuple[list[Token], list[Token]]:
    """The parties of a talk named only as the occasion of what a clause says ("he ordered Putin to cut it
    out in a conversation", "Biden told Xi in a phone call that ..."): the subject of the clause is one party,
    whom it addressed (its objects, or whom it spoke "to") the other. The clause is climbed through
    control and coordination ("ordered Putin to cut it out": the parser hangs the phrase on "cut") to the
    first verb with a subject of its own, since a controlled verb's subject would be the one ordered."""
    if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.lower_ not in _OCCASION_PREPOSITIONS:
        return [], []
    verb = noun.head.head
    for _ in range(3):
        if verb.pos_ not in {"VERB", "AUX"}:
            return [], []
        own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "SCONJ" and c.dep_ != "expl"]
        if own:
            if verb.lemma_.lower() not in _SAID_IN_TALKS:
                return [], []
            addressed = [c for c in verb.children
                         if c.dep_ in OBJECT_DEPS and c.pos_ in {"PROPN", "NOUN", "PRON"}]
            return own, addressed + prepositional_objects(verb, "to")
        if verb.dep_ not in {"xcomp", "conj"}:
            return [], []
        verb = verb.head
    return [], []


def undergone_act_subjects(noun: Token) -> list[Token]:
    """"The minister came under fire", "the convoy came under attack": the subject of "come under" (or
    "be under") is the one the act its noun names is done to."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.dep_ != "prep":
        return []
    verb = prep.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in {"come", "be", "fall"}:
        return []
    return subjects(verb)


def object_read_as_subject(noun: Token) -> tuple[Token, list[Token]] | None:
    """"Morneau made them a different offer": the parser reads "them a different offer" as a small clause
    (the noun a `ccomp` of the light verb, the recipient its subject). The light verb carries the noun,
    and the would-be subject is whom the act is made to."""
    verb = noun.head
    if noun.dep_ != "ccomp" or verb.pos_ not in {"VERB", "AUX"} or not is_light_verb(verb):
        return None
    recipients = [c for c in noun.children if c.dep_ == "nsubj" and c.pos_ in {"PRON", "PROPN", "NOUN"}
                  and c.i < noun.i]
    return (verb, recipients) if recipients else None
