"""Time-aware actor resolution: an actor phrase + the event's date -> a coded actor.

How a phrase is read (all tables come from the knowledge base; nothing here names a country or a person):
1. The phrase is tokenised (normalize.py) and split, longest match first, into known spans: person names,
   organisations, country words (names, demonyms, capitals, metonyms), role titles, agent words and the
   modifier "former". Tokens left over that are capitalised are taken as an unknown name.
2. The spans are combined, first rule that applies wins:
   - a known person named in the phrase by a full name, resolved at the date; a one-word name (a
     surname, a first name) only on evidence: after that person's full-name mention in the article, or
     with a title whose holder's country the phrase or the article establishes (evidence.py); each link
     carries its rule, its evidence and a probability;
   - a named organisation (group, IGO); with a leader title, the person who led it at the date;
   - a country word plus an intergovernmental organisation and no agent word: the organisation;
   - a single-holder title with a country ("the Prime Minister of Iraq", "Iraq's foreign minister"):
     whoever held that role in that country at the date, unless the phrase also carries an unknown name
     (a junior minister, a person the knowledge base does not hold) or says "former";
   - country + agent/title words: that country's sector ("Iraqi forces" -> IRQ MIL);
   - a country word alone: the country (sector none), its government for capitals, the sector of a
     metonym, its civilians for a plural demonym ("Iraqis" -> CVL);
   - a region that a regional office governs plus a title ("Lagos governor"): the region's head;
   - agent or title words alone: the sector, country from context_country or the article's country.
3. Reading the structure of the phrase: sector words of the head (before a preposition: "doctors from
   two aid groups") decide; a dominant word ("rebel", "opposition") beats the head noun; a country after
   "anti-"/"pro-"/"ethnic" is a stance or ethnicity, not the actor's country; a known name run on by an
   unknown capitalised word or another name ("Anthony Albanese" vs a person called "Anthony") is a
   different, unknown person; names match only when written capitalised.
4. "former"/"ex-"/"retired"/"ousted" officials are coded ELI (PLOVER: former officials, including ousted
   and exiled ones), as is a known person who held office before the date and holds none at it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from eventwire.actors.evidence import (
    FULL_NAME,
    LINK_PROBABILITY,
    SURNAME_AFTER_FULL_NAME,
    TITLE_AND_COUNTRY,
    ArticleEvidence,
    NameMention,
    PersonDescription,
    article_country,
    located_places,
    origin_places,
    sentence_starts,
)
from eventwire.actors.generalise import SectorGuesser
from eventwire.actors.kb import KnowledgeBase, Person, RoleSpell, load_knowledge_base
from eventwire.actors.normalize import Token, alias_key, other_number, plain_key, tokens

ActorKind = Literal["person", "country", "igo", "group", "agent", "unknown"]

# Longest alias, in tokens, that the span search tries.
_MAX_SPAN = 10
# Words that may be capitalised in an actor phrase without being someone's name.
_NOT_A_NAME = frozenset(
    [
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "for",
        "from",
        "to",
        "with",
        "by",
        "who",
        "said",
        "says",
        "new",
        "top",
        "senior",
        "junior",
        "local",
        "two",
        "three",
        "four",
        "five",
        "several",
        "some",
        "many",
        "other",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "his",
        "her",
        "their",
        "its",
        "acting",
        "interim",
        "deputy",
        "chief",
        "federal",
        "national",
        "regional",
        "provincial",
        "state",
        "unnamed",
        "unidentified",
        "armed",
        # quantities that open a sentence ("More than 50,000 Slovaks", "Hundreds of Lebanese depositors")
        "more",
        "than",
        "least",
        "hundreds",
        "thousands",
        "dozens",
        "tens",
        "about",
        "nearly",
        "almost",
        "around",
        "ii",
        "iii",
        "iv",
        "jr",
        "sr",
        "de",
        "da",
        "di",
        "du",
        "van",
        "von",
        "bin",
        "ibn",
        "abu",
        "ben",
        "ul",
    ]
)
# Particles inside Arabic, Dutch, Spanish ... names: "Ahmed Ben Bella" is one name, not "Ahmed" and more.
_NAME_PARTICLES = frozenset({"de", "da", "di", "du", "van", "von", "bin", "ibn", "abu", "ben", "ul", "bint"})
_PREPOSITIONS = frozenset({"of", "in", "from", "at", "near", "for", "to", "with", "by", "on"})
# Prepositions after which a member word's organisation is named ("officials of/from/at/with/for ...").
_OF_ORGANISATION = frozenset({"of", "from", "at", "with", "for", "in"})
_NOT_COUNTRY_OF_ACTOR = frozenset({"anti", "pro", "ethnic"})
_BACKED_BY = frozenset({"backed", "funded", "sponsored", "supported", "trained"})
_ARMED_SECTORS = frozenset({"MIL", "REB", "PRM", "UAF"})
# Actors foreign where they act by what they are: the place of the story is not their country ("peacekeepers
# came under fire in southern Lebanon"); only their own phrase gives one ("Indian peacekeepers").
_FOREIGN_BY_NATURE = frozenset({"peacekeepers", "peacekeeper", "peacekeeping", "foreigners", "mercenaries",
                                "mercenary", "expatriates", "expats"})
_FOREIGN = frozenset({"foreign"})
_FOREIGN_PEOPLE = frozenset({"fighters", "troops", "forces", "nationals", "soldiers", "workers", "tourists",
                             "journalists", "diplomats", "students", "militants"})
# Words for a government that, after "pro" or before "backed", say whose side an actor is on.
_STANCE_GOVERNMENT = frozenset({"government", "regime", "state", "junta", "kremlin"})
_SIDED_WITH = _BACKED_BY | frozenset({"allied", "aligned", "linked", "affiliated"})
# An organisation before these says who runs or appointed the actor, not what it is: "the Hamas-run health
# ministry" (Gaza's ministry, GOV), "junta-appointed ministers" (session 24).
_GOVERNED_BY = frozenset(
    {"run", "appointed", "installed", "controlled", "led", "dominated", "ruled", "governed", "administered"}
)
_ORG_STANCE = _GOVERNED_BY | _SIDED_WITH
# A possessive ending the first words of a phrase: "Vladimir Putin's troops", "Trump’s lawyer".
_POSSESSIVE = re.compile(r"^\s*(?:the\s+)?([^'’]+?)(?:'s|’s|s'|s’)\s+(\S.*)$", re.DOTALL)
# A currency named after a country word: money, not a place or an actor ("won" is left out: "Korea won").
_CURRENCY_AFTER = re.compile(
    r"[ -](?:dollars?|cents|yuan|renminbi|rupees?|roubles?|rubles?|pesos?|pounds|yen|rand|naira|shillings?|"
    r"dinars?|dirhams?|riyals?|rials?|liras?|reais|francs?|euros?|kwacha|cedis?|taka|ringgit|baht|dong|"
    r"rupiah|tenge|hryvnias?|zlotys?|forints?|bolivars?|quetzals?|lempiras?|cordobas?)\b",
    re.IGNORECASE,
)
# A run of capitalised words (with name particles): where an article names people, places and countries.
_NAME_RUN = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|da|di|van|von|bin|ibn|al|el|la|le|del)[\s-]+)?[A-Z][\w'’.-]*)*"
)
# Capitalised sentence openers that are never part of a name.
_SENTENCE_OPENERS = frozenset(
    [
        "under", "after", "before", "when", "while", "since", "with", "without", "during", "as", "at", "in",
        "on", "by", "for", "from", "to", "of", "and", "but", "if", "though", "although", "because",
        "meanwhile", "then", "later", "earlier", "also", "still", "even", "both", "former",
    ]
)
# Words that end the lower-case title written before a name ("said train conductor Brad Slater": the title
# is "train conductor"): reporting verbs, conjunctions and prepositions belong to the sentence, not the title.
_TITLE_STOP = frozenset(
    {"said", "says", "told", "and", "or", "but", "by", "with", "to", "from", "for", "that", "as", "when",
     "while", "after", "before", "according", "than", "in", "on", "at", "of", "is", "was", "were", "are",
     "has", "had", "have", "who", "whom", "which", "also", "then", "where", "if", "because", "about"}
)
# The lower-case words before a name that may be its title, at most (a title is short).
_TITLE_WORDS = 4
# An apposition after a name: ", a political scientist at the University of Manitoba," (up to the next
# punctuation).
_APPOSITION = re.compile(r",\s+([^,.;:!?\"“”()\n]{3,90})")
_CLAUSE_PUNCTUATION = re.compile(r"[.,;:!?\"“”()\n]")
_NOT_ORGANISATION = "-"  # marker: the word is not an organisation word
_LEADER_WORDS = frozenset({"leader", "leaders", "chief", "head", "leadership", "chairman", "chairwoman"})
# Roles that head an organisation: any of their titles names its head ("NATO Secretary-General").
_HEAD_ROLES = frozenset({"head_of_state", "head_of_government", "igo_leader", "party_leader",
                         "armed_group_leader", "opposition_leader"})


@dataclass(frozen=True, slots=True)
class ActorResolution:
    """What an actor phrase refers to at a date. `country` is ISO 3166-1 alpha-3 (None for IGOs and
    transnational groups, whose PLOVER country code — UNO, EUR, IGO, IMG, NGO — is in plover_country)."""

    text: str
    actor_id: str | None
    name: str | None
    country: str | None
    sector: str | None
    role: str | None
    kind: ActorKind
    confidence: float  # for a linked person: the probability of the link, by the rule it rests on
    plover_country: str | None = None
    link_rule: str | None = None  # why a person is linked: full_name, surname_after_full_name, ...
    link_evidence: str | None = None  # the mention that supports the link ("Helen Clark" for "Clark")
    region: str | None = None  # the state or province of a regional office ("Lagos"), or one the phrase names

    def as_json(self) -> dict[str, object]:
        return asdict(self)


_REGIONAL_ROLES = frozenset({"regional_head", "governor"})  # titles of a region's head
# A monarch's titles: of a country, its head of state; of a region within one, a traditional ruler (ELI).
_MONARCH_TITLES = frozenset({"emir", "sultan", "king", "queen", "monarch"})
# Organisations whose names are proper nouns written capitalised (session 23), and those whose names several
# countries' organisations share, qualified by country in the files ("Labour Party (Nigeria)").
_PARTY_TYPES = frozenset({"party", "coalition"})
_SHARED_NAME_TYPES = _PARTY_TYPES | {"trade_union"}
# Organisations that belong to one country's state or politics and act at home: a country named before one of
# another country ("Chile's Frente Amplio", "Tajikistan's GKNB", "the Dhaka Metropolitan Police") names that
# country's namesake, not the other's (session 24). Armed groups, militias, companies and media act abroad
# ("Mali's Wagner mercenaries", "Nigeria's Shell unit") and keep their own country.
_NATIONAL_ORG_TYPES = frozenset(
    {"party", "coalition", "movement", "state_agency", "legislature", "trade_union", "business_association"}
)
_COUNTRY_QUALIFIED = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")


# Index entries: what a key (normalised alias) can stand for.

@dataclass(frozen=True, slots=True)
class _CountryForm:
    iso3: str
    form: Literal["name", "demonym", "demonym_plural", "capital", "metonym"]
    sector: str | None


@dataclass(frozen=True, slots=True)
class _OrgRef:
    org_id: str
    capitalised: bool = False  # a name that means the organisation only when written capitalised ("Shell")
    shared_name: bool = False  # the bare form of a country-qualified name ("Labour Party (Nigeria)")


@dataclass(frozen=True, slots=True)
class _PersonRef:
    person_id: str
    weak: bool  # derived surname, not a listed alias
    single: bool = False  # a one-token name (a surname, a first name): linked only with support


@dataclass(frozen=True, slots=True)
class _SectorWord:
    sector: str
    dominant: bool
    weak: bool
    role: str | None  # set for role titles
    plural: bool
    member: bool = False  # people of an organisation: yields to every other sector word ("prison officials")


@dataclass(frozen=True, slots=True)
class _Former:
    pass


@dataclass(frozen=True, slots=True)
class _RegionRef:
    """A state or province that a regional office of the knowledge base governs ("Lagos", "Texas")."""

    iso3: str
    region: str


_CIVILIANS = _SectorWord("CVL", dominant=False, weak=False, role=None, plural=True)

_Entry = _CountryForm | _OrgRef | _PersonRef | _SectorWord | _Former | _RegionRef


@dataclass(slots=True)
class _Reading:
    """What the spans of one phrase say, gathered before the rules combine them."""

    people: list[list[_PersonRef]]
    orgs: list[str]
    countries: list[_CountryForm]
    words: list[tuple[int, _SectorWord]]
    word_texts: list[str]  # plain text of each entry of `words`, for matching a spell's own title
    former: bool
    unknown_name: bool
    regions: list[_RegionRef] = field(default_factory=list)
    region_choices: tuple[_RegionRef, ...] = ()  # a region name several countries share ("Punjab")
    # a country word that is also another country's region ("Formosa": Taiwan, and Argentina's province), the
    # region, and whether the word is only an alias of the country (not its name, capital or demonym)
    region_instead: tuple[_CountryForm, _RegionRef, bool] | None = None
    head_end: int | None = None  # index of the first preposition: words after it qualify, not head
    head_preposition: str | None = None  # that preposition ("of" in "spokesman of the army")
    first_org_start: int | None = None  # token index of the first organisation name
    country_starts: list[int] = field(default_factory=list)  # token index of each of `countries`
    first_org_choices: tuple[str, ...] = ()  # what the first organisation name may mean ("ANC": 4 parties)
    # those of them the name is the files' own name or alias of, not a country-qualified name's bare form:
    # "Labour Party" is Britain's unless the article's country is Nigeria's (session 23)
    first_org_primary: tuple[str, ...] = ()
    unknown_head: str | None = None  # the head noun when no list holds it ("staffers"): for the guesser

    @property
    def head_words(self) -> set[str]:
        """The plain text of the sector words before the first preposition."""
        return {text for (start, _), text in zip(self.words, self.word_texts, strict=True)
                if self.head_end is not None and start < self.head_end}

    def deciding_word(self) -> _SectorWord | None:
        """Sector words of the head ("doctors" in "doctors from two aid groups") decide when there are any."""
        if self.head_end is not None:
            head = [(start, word) for start, word in self.words if start < self.head_end]
            after = [(start, word) for start, word in self.words if start >= self.head_end]
            if head and after and self.head_preposition in _OF_ORGANISATION and all(
                word.member for _, word in head
            ):
                # The people of an organisation, the organisation named after them: "spokesman of the
                # army" MIL, "staff at the hospital" MED, "a delegation of lawmakers" LEG.
                return _deciding_word(after)
            if head and after and self.head_preposition in _OF_ORGANISATION and all(
                word.weak and word.role is None for _, word in head
            ) and self.head_words <= _LEADER_WORDS and any(not word.member for _, word in after):
                # A leader word of what follows: "the leaders of the gangs" CRM, "the head of the
                # opposition" OPP, "the chief of police" COP (a title such as "head of state" is one span).
                return _deciding_word(after)
            if head:
                return _deciding_word(head)
        return _deciding_word(self.words)


class ActorResolver:
    """Resolves actor phrases against the knowledge base. Build with ActorResolver.load(); thread-safe
    for reading (resolve() does not mutate)."""

    def __init__(self, kb: KnowledgeBase, *, generalise: bool = True) -> None:
        self.kb = kb
        self._index: dict[str, list[_Entry]] = {}
        self._holders: dict[str, list[tuple[Person, RoleSpell, str | None]]] = {}  # country -> spells
        self._org_holders: dict[str, list[tuple[Person, RoleSpell, str | None]]] = {}
        self._spell_org: dict[RoleSpell, str] = {}  # the organisation a country-less spell belongs to
        # Regions' adjectives and demonyms; the plural demonyms ("Albertans", "Chechens") name its people,
        # civilians of its country.
        self._regional_words = frozenset(alias_key(term) for term in kb.regional_words)
        self._regional_people = frozenset(
            alias_key(term) for term in kb.regional_words
            if _looks_plural(term) and not term.endswith(("'s", "\u2019s"))
        )
        self._build_index()
        # Longest key starting with each first token: the span search tries no longer span than that.
        self._reach: dict[str, int] = {}
        for key in self._index:
            words = key.split(" ")
            self._reach[words[0]] = max(self._reach.get(words[0], 0), len(words))
        self._build_holders()
        # An unknown head noun's sector, generalised from the known agent nouns (generalise.py); the vectors
        # are read on the first unknown head, not here.
        self.guesser = SectorGuesser(self._agent_nouns()) if generalise else None

    def warm_up(self) -> None:
        """Do now what would otherwise wait for the first unknown head noun (reading the word vectors and
        fitting the sector guesser: a few seconds): for a coder about to read many articles, so that the
        cost is paid at start-up and not inside the first batch."""
        if self.guesser is not None:
            self.guesser.prepare()

    @classmethod
    def load(
        cls, extra_files: Sequence[Path] = (), *, shipped_people: bool = True, generalise: bool = True
    ) -> ActorResolver:
        """The shipped knowledge base plus `extra_files` (user YAML, validated; later files override).
        shipped_people=False leaves out data/actors/people/ (tests that bring their own people);
        generalise=False leaves unknown head nouns without a sector instead of guessing it."""
        return cls(
            load_knowledge_base(extra_files, validate=False, shipped_people=shipped_people),
            generalise=generalise,
        )

    def _agent_nouns(self) -> dict[str, str]:
        """The guesser's examples: one-word agent words and role titles -> sector (the first sector found
        for a word wins, as in the index), then the head nouns of the multi-word ones ("health ministry",
        "interior ministry" -> ministry GOV) where at least two terms share the head and 60% agree on it."""
        nouns: dict[str, str] = {}
        heads: dict[str, Counter[str]] = {}
        terms = [(term, group.sector) for group in self.kb.agents for term in group.terms]
        terms += [(title, role.sector) for role in self.kb.roles.values() for title in role.titles]
        for term, sector in terms:
            toks = tokens(term)
            if not toks or not toks[-1].plain.isalpha():
                continue
            if len(toks) == 1:
                nouns.setdefault(toks[0].plain, sector)
            else:
                heads.setdefault(toks[-1].plain, Counter())[sector] += 1
        for head, sectors in heads.items():
            sector, count = sectors.most_common(1)[0]
            if head not in nouns and count >= 2 and count >= 0.6 * sum(sectors.values()):
                nouns[head] = sector
        return nouns

    def _add(self, alias: str, entry: _Entry, *, key: str | None = None) -> None:
        key = alias_key(alias) if key is None else key
        if not key:
            return
        entries = self._index.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)

    def _build_index(self) -> None:
        kb = self.kb
        for role in kb.roles.values():
            for title in role.titles:
                self._add(title, _SectorWord(role.sector, False, role.weak, role.name, _looks_plural(title)))
        for group in kb.agents:
            for term in group.terms:
                self._add(
                    term, _SectorWord(group.sector, group.dominant, group.weak, None, _looks_plural(term),
                                      group.member)
                )
        # The other number of each agent term ("health workers" listed, "a health worker" written), where
        # no listed term holds that form: the lists name mostly one number, and a form they lack fell to
        # the head noun ("relief worker" -> LAB), to no sector, or to a weak word of the import coding it
        # otherwise ("militiaman" UAF beside our "militiamen" REB), which a strong term's form goes before.
        for group in kb.agents:
            for term in group.terms:
                variant = other_number(plain_key(term))
                if not variant:
                    continue
                word = _SectorWord(group.sector, group.dominant, group.weak, None, _looks_plural(variant),
                                   group.member)
                existing = self._index.get(alias_key(variant))
                if existing is None:
                    self._add(variant, word)
                elif not group.weak and word not in existing and all(
                    isinstance(entry, _SectorWord) and entry.weak and entry.role is None for entry in existing
                ):
                    existing.insert(0, word)
        for word in kb.former_words:
            self._add(word, _Former())
        for country in kb.countries.values():
            for name in (country.name, country.official or "", *country.aliases):
                self._add(name, _CountryForm(country.iso3, "name", None))
            plural_forms = _plural_demonyms(country.demonyms)
            for demonym in country.demonyms:
                form = "demonym_plural" if demonym in plural_forms else "demonym"
                self._add(demonym, _CountryForm(country.iso3, form, None))
            for capital in country.capitals:
                self._add(capital, _CountryForm(country.iso3, "capital", "GOV"))
            for sector, names in country.metonyms:
                for name in names:
                    self._add(name, _CountryForm(country.iso3, "metonym", sector))
        for org in kb.organisations.values():
            # A party's one-word name is a proper noun: "Labour", "Podemos" are the party only when written
            # capitalised ("Spain's labour minister", "a labour court" are not the British party).
            party = org.type in _PARTY_TYPES
            for name in (org.name, *org.aliases):
                self._add(name, _OrgRef(org.id, capitalised=party and len(tokens(name)) == 1))
        self._add_shared_party_names()
        surnames: list[tuple[Person, Token]] = []
        for person in kb.people.values():
            for number, name in enumerate((person.name, *person.aliases)):
                toks = tokens(name)  # once per name: 20,000 people make this the slowest part of loading
                key = " ".join(token.key for token in toks)
                self._add(name, _PersonRef(person.id, weak=False, single=len(toks) == 1), key=key)
                if number == 0 and toks:
                    surnames.append((person, toks[-1]))
        # Regions that regional offices govern. A name several countries share ("Punjab": India's and
        # Pakistan's) is indexed for each; the phrase's article picks one or none (resolve).
        regions: dict[str, set[tuple[str, str]]] = {}
        for person in kb.people.values():
            for spell in person.roles:
                if spell.region and spell.country:
                    regions.setdefault(alias_key(spell.region), set()).add((spell.country, spell.region))
        # A region's adjective or demonym ("Scottish", "Bavarian", "Chechen") is that region, where no other
        # entry claims the word: "Scottish First Minister" is Scotland's head, "Chechen units" Russia's.
        for term, (country, region) in self.kb.regional_words.items():
            if not self._index.get(alias_key(term)):
                regions.setdefault(alias_key(term), set()).add((country, region))
        for key, found in regions.items():
            if not key:
                continue
            first_per_country: dict[str, str] = {}
            for country, region in sorted(found):
                first_per_country.setdefault(country, region)
            for country, region in first_per_country.items():
                self._add(region, _RegionRef(country, region), key=key)
        # A bare surname derived from the full name, only where no other entry claims the word.
        for person, surname in surnames:
            if len(surname.plain) >= 4 and surname.key not in _NOT_A_NAME:
                existing = self._index.get(surname.key, [])
                if all(isinstance(entry, _PersonRef) for entry in existing):
                    self._add(person.name.split()[-1], _PersonRef(person.id, weak=True, single=True))
        # Names that mean a company only when written capitalised ("Apple", "Shell", "Total"), where nothing
        # else claims the key: a person's name or surname ("Ford") and every other entry keep it.
        for org in kb.organisations.values():
            for name in org.capitalised_aliases:
                if not self._index.get(alias_key(name)):
                    self._add(name, _OrgRef(org.id, capitalised=True))

    def _add_shared_party_names(self) -> None:
        """Index the bare name of a party the files qualify by its country ("Labour Party (Nigeria)",
        "Colorado Party (Paraguay)", "PODEMOS (Mozambique)") as a name that party shares with the others of
        that name: the phrase's or the article's country picks one, as for shared acronyms ("ANC"). Only where
        the bare name means nothing else: a key that holds nothing yet (two words or more: "Citizens",
        "The Left" alone are common words), or one that already holds such an organisation and no country or
        person ("Podemos": Spain's)."""
        for org in self.kb.organisations.values():
            found = _COUNTRY_QUALIFIED.match(org.name)
            if org.type not in _SHARED_NAME_TYPES or found is None or org.country is None:
                continue
            bare, qualifier = found.group(1), found.group(2)
            record = self.kb.countries.get(org.country)
            if record is None or alias_key(qualifier) not in {
                alias_key(name) for name in (record.name, record.official or "", *record.aliases) if name
            }:
                continue  # "Janata Dal (Secular)": a faction's name, not a country
            key = alias_key(bare)
            held = self._index.get(key, [])
            orgs_held = [self.kb.organisations[entry.org_id] for entry in held if isinstance(entry, _OrgRef)]
            named_elsewhere = any(isinstance(entry, _CountryForm | _PersonRef | _RegionRef) for entry in held)
            if named_elsewhere or any(other.id == org.id for other in orgs_held):
                continue
            if held and not any(other.type in _SHARED_NAME_TYPES for other in orgs_held):
                continue
            if not held and len(key.split(" ")) < 2:
                continue
            one_word = org.type in _PARTY_TYPES and len(key.split(" ")) == 1
            self._add(bare, _OrgRef(org.id, capitalised=one_word, shared_name=True), key=key)

    def _build_holders(self) -> None:
        for person in self.kb.people.values():
            for spell in person.roles:
                title_key = _title_key(spell.title) if spell.title else None
                if spell.country:
                    self._holders.setdefault(spell.country, []).append((person, spell, title_key))
                for org_id in sorted(self._orgs_in_title(spell)):
                    self._org_holders.setdefault(org_id, []).append((person, spell, title_key))
                    self._spell_org.setdefault(spell, org_id)

    def _orgs_in_title(self, spell: RoleSpell) -> set[str]:
        found = {spell.org} if spell.org else set()
        if spell.title:
            for _, _, entries in self._spans(tokens(spell.title)):
                found.update(entry.org_id for entry in entries if isinstance(entry, _OrgRef))
        return found

    def ambiguous_aliases(self) -> dict[str, set[str]]:
        """Keys that name more than one country or organisation in a way no context can tell apart: a data
        error (one of them never wins). Organisations of different countries may share a name (party
        acronyms: "ANC"); the phrase's or article's country picks one."""
        found = {}
        for key, entries in self._index.items():
            countries = {entry.iso3 for entry in entries if isinstance(entry, _CountryForm)}
            orgs = [self.kb.organisations[entry.org_id] for entry in entries if isinstance(entry, _OrgRef)]
            org_countries = [org.country for org in orgs]
            told_apart = not countries and None not in org_countries and len(set(org_countries)) == len(orgs)
            if len(countries) + len(orgs) > 1 and not told_apart:
                found[key] = countries | {org.id for org in orgs}
        return found

    # --- spans -------------------------------------------------------------------------------------------

    def _lookup(self, toks: Sequence[Token]) -> list[_Entry] | None:
        key = " ".join(token.key for token in toks)
        found = self._index.get(key)
        if found is None and any(token.key != token.plain for token in toks):
            found = self._index.get(" ".join(token.plain for token in toks))
        return found

    def _spans(self, toks: list[Token]) -> list[tuple[int, int, list[_Entry]]]:
        """Greedy longest-match spans; tokens in no span come back with an empty entry list."""
        spans = []
        start, count = 0, len(toks)
        reach = self._reach
        while start < count:
            first = toks[start]
            longest = max(reach.get(first.key, 0), reach.get(first.plain, 0))
            for end in range(min(count, start + longest, start + _MAX_SPAN), start, -1):
                entries = self._lookup(toks[start:end])
                if entries and not all(token.capitalised for token in toks[start:end]):
                    # "a shell company", "apple growers", "a labour court": the common word, not the company
                    # or the party
                    entries = [entry for entry in entries
                               if not (isinstance(entry, _OrgRef) and entry.capitalised)]
                    if not entries:
                        continue
                people_only = bool(entries) and all(isinstance(entry, _PersonRef) for entry in entries)
                if people_only and end - start > 1 and not all(
                    token.capitalised or token.plain in _NOT_A_NAME for token in toks[start:end]
                ):
                    # A person's name is written capitalised: "White House spokesman" (an imported alias)
                    # is read by its shorter spans, the metonym and the agent word.
                    continue
                if entries:
                    spans.append((start, end, entries))
                    start = end
                    break
            else:
                spans.append((start, start + 1, []))
                start += 1
        return spans

    def _read(self, toks: list[Token]) -> _Reading:
        reading = _Reading(
            people=[], orgs=[], countries=[], words=[], word_texts=[], former=False, unknown_name=False
        )
        spans = self._spans(toks)
        head_index = _head_token(spans, toks)
        if head_index is not None:
            reading.unknown_head = toks[head_index].plain
        stance_words: list[tuple[int, _SectorWord, str]] = []
        for index, (start, end, entries) in enumerate(spans):
            if not entries:
                token = toks[start]
                if token.plain in _PREPOSITIONS and reading.head_end is None:
                    reading.head_end = start
                    reading.head_preposition = token.plain
                if token.capitalised and token.plain not in _NOT_A_NAME and not token.plain.isdigit():
                    reading.unknown_name = True
                continue
            # A span may mean several things. Organisations and countries outrank a person of the same name
            # ("Jordan", "Chad" as first names); a one-word title or agent word outranks a person too
            # ("King"): people are found by their longer names or their own surnames.
            people = [entry for entry in entries if isinstance(entry, _PersonRef)]
            if people and not all(
                token.capitalised or token.plain in _NOT_A_NAME for token in toks[start:end]
            ):
                people = []  # names are written capitalised: "brown" is a colour, "Brown" may be a person
            if people and _name_continues(spans, index, toks):
                # "Anthony Albanese" is not the person called "Anthony": the name goes on with unknown words.
                people = []
                reading.unknown_name = True
            if people and index + 1 < len(spans) and any(
                isinstance(entry, _CountryForm) for entry in spans[index + 1][2]
            ):
                people = []  # "Young Algerians": a word before a demonym is no surname
            orgs = [entry.org_id for entry in entries if isinstance(entry, _OrgRef)]
            if _capitalised_only(entries) and _name_continues(spans, index, toks):
                reading.unknown_name = True  # "Tom Shell", "Pierre Total": a person's name goes on around it
                continue
            countries = [entry for entry in entries if isinstance(entry, _CountryForm)]
            has_word = any(isinstance(entry, _SectorWord | _Former) for entry in entries)
            if people and not orgs and not countries and not (has_word and end - start == 1):
                reading.people.append(people)
                continue
            following = toks[end].plain if end < len(toks) else None
            if orgs and end + 1 < len(toks) and following in _ORG_STANCE:
                # "the Hamas-run health ministry", "Hezbollah-backed candidates": whose the actor is or whom
                # it sides with; the words after decide what it is. What a group runs is in the group's
                # country (a backer's is not the actor's).
                owners = {self.kb.organisations[org_id].country for org_id in orgs}
                owner = owners.pop() if len(owners) == 1 else None
                if following in _GOVERNED_BY and owner is not None:
                    reading.countries.append(_CountryForm(owner, "name", None))
                    reading.country_starts.append(start)
                continue
            if orgs:
                if not reading.orgs:
                    reading.first_org_choices = tuple(orgs)
                    reading.first_org_primary = tuple(
                        entry.org_id for entry in entries
                        if isinstance(entry, _OrgRef) and not entry.shared_name
                    )
                    reading.first_org_start = start
                reading.orgs.extend(orgs)
                continue
            regions = [entry for entry in entries if isinstance(entry, _RegionRef)]
            if regions and not countries and not any(isinstance(e, _SectorWord | _Former) for e in entries):
                if len({region.iso3 for region in regions}) == 1:
                    reading.regions.append(regions[0])
                elif not reading.regions and not reading.region_choices:
                    reading.region_choices = tuple(regions)
                continue
            if countries:
                # "anti-Syria journalist", "ethnic Albanian guerrillas": a stance or an ethnicity, not the
                # actor's country.
                stance_before = start > 0 and toks[start - 1].plain in _NOT_COUNTRY_OF_ACTOR
                # "U.S.-backed rebels": the backer's country, not the rebels'.
                backed_by = end < len(toks) and toks[end].plain in _BACKED_BY
                if not stance_before and not backed_by:
                    reading.countries.append(countries[0])
                    reading.country_starts.append(start)
                    other = [region for region in regions if region.iso3 != countries[0].iso3]
                    if len(countries) == 1 and len(other) == 1 and reading.region_instead is None:
                        record = self.kb.countries.get(countries[0].iso3)
                        key = " ".join(token.key for token in toks[start:end])
                        alias_only = countries[0].form == "name" and record is not None and all(
                            alias_key(name) != key for name in (record.name, record.official) if name)
                        reading.region_instead = (countries[0], other[0], alias_only)
                continue
            for entry in entries:
                if isinstance(entry, _Former):
                    reading.former = True
                elif isinstance(entry, _SectorWord):
                    if _is_stance(toks, start, end) and index + 1 < len(spans):
                        # "pro-government reservists", "government-backed generals": the government is
                        # whom they side with, not what they are; the noun after it decides.
                        stance_words.append((start, entry, " ".join(t.plain for t in toks[start:end])))
                        break
                    reading.words.append((start, entry))
                    reading.word_texts.append(" ".join(token.plain for token in toks[start:end]))
                    break
        if stance_words and not reading.words:  # nothing but the stance: it is all the phrase says
            for start, entry, text in stance_words:
                reading.words.append((start, entry))
                reading.word_texts.append(text)
        return reading

    # --- resolution --------------------------------------------------------------------------------------

    def resolve(
        self,
        text: str,
        when: dt.date | None = None,
        *,
        context_country: str | None = None,
        article: ArticleEvidence | None = None,
        at: int | None = None,
    ) -> ActorResolution:
        """Resolve `text` at `when`. `article` is what the phrase's article establishes (read_article):
        with it a bare surname links after a full-name mention, and a title links with a country the
        article names; without it a one-word name is never linked. `at` is the phrase's offset in the
        article (a surname links only after its full-name mention there)."""
        if article is not None and context_country is None:
            context_country = article.country
        dated = when is not None
        day = when or dt.date.today()
        if isinstance(day, dt.datetime):
            day = day.date()
        toks = tokens(text)
        if not toks:
            return _unknown(text)
        national = self.kb.national_terms.get(" ".join(token.plain for token in toks))
        if national is not None and toks[0].capitalised:
            # "the Centre" in Indian news is the Union government; elsewhere it names no actor at all.
            iso3, sector = national
            if context_country == iso3 or (article is not None and article.establishes(iso3)):
                record = self.kb.countries.get(iso3)
                return ActorResolution(
                    text, record.id if record else None, record.name if record else None, iso3, sector,
                    None, "agent", 0.8, plover_country=iso3,
                )
            if len(toks) == 1:
                return _unknown(text)
        reading = self._read(toks)
        if reading.people:
            reading = self._possessor_as_country(text, reading, article, at)
        if not reading.regions and reading.region_choices:
            # "Punjab police": India's or Pakistan's as the article establishes, else no region (no country).
            fitting = [
                choice for choice in reading.region_choices
                if choice.iso3 == context_country
                or (article is not None and article.establishes(choice.iso3))
            ]
            if len({choice.iso3 for choice in fitting}) == 1:
                reading.regions.append(fitting[0])
        if reading.region_instead is not None:
            self._prefer_region(reading, context_country, article)
        region = reading.regions[0] if reading.regions else None
        if (
            region is not None and article is not None and at is not None and not reading.countries
            and article.country is not None and article.country != region.iso3
            and article.countries_within(at, at + len(text)) == {article.country}
        ):
            # "the governor of Santa Cruz department" in a Bolivian story: the places stage reads the name as
            # a place of the story's own country, and the files know only another country's region of that
            # name (Argentina's): the story's namesake, whose head the files do not hold (session 24).
            reading.regions = []
            region = None
        phrase_country = (
            reading.countries[0].iso3 if reading.countries else region.iso3 if region is not None else None
        )
        sector_word = reading.deciding_word()
        if (
            article is not None and phrase_country is None and sector_word is not None and sector_word.role
            and not reading.people and not reading.orgs and not reading.unknown_name
        ):
            # "the premier" in a story that named "Manitoba Premier Brian Pallister": that one's country.
            titled = article.title_countries.get(_title_text(reading, sector_word))
            context_country = titled or context_country
        if phrase_country is None and _foreign_by_nature(toks):
            context_country, article = None, None  # "peacekeepers", "foreign fighters": not the story's
        country_hint = phrase_country or context_country
        if (
            sector_word is not None and sector_word.member and reading.countries
            and reading.countries[0].sector and all(word.member for _, word in reading.words)
        ):
            # "White House staffers", "Pentagon officials": the people of the institution the metonym names.
            form_sector = reading.countries[0].sector
            sector_word = _SectorWord(form_sector, False, True, None, sector_word.plural)
        if sector_word is None and any(form.form == "demonym_plural" for form in reading.countries[1:]):
            sector_word = _CIVILIANS  # "Bosnian Serbs": people, of the first-named country
        if (
            sector_word is None and reading.unknown_head and self.guesser is not None
            and not reading.people and not reading.orgs
        ):
            guess = self.guesser.guess(reading.unknown_head)
            if guess is not None:  # "United staffers", "health commission": the head noun's likely sector
                plural = _looks_plural(reading.unknown_head)
                sector_word = _SectorWord(guess.sector, False, False, None, plural)

        unsupported: list[list[_PersonRef]] = []
        if reading.people and self._organisation_shape(toks) is not None:
            unsupported = list(reading.people)  # "Ford Motor Company": no person, whoever "Ford" may be
            reading.people = []
        for candidates in reading.people:
            if all(ref.single for ref in candidates):
                # A one-word name links only on evidence: an earlier full-name mention in the article, or
                # a title with a country the phrase or the article establishes.
                supported = self._supported_single(candidates, day, reading, sector_word, phrase_country,
                                                   article, at)
                if supported is None:
                    unsupported.append(candidates)
                    continue
                person, rule, evidence = supported
            else:
                picked = self._pick_person(candidates, day, country_hint, phrase_country, dated=dated)
                if picked is None:
                    continue
                person, rule, evidence = picked, FULL_NAME, text
            return replace(
                self._person_result(
                    text, person, day, former=reading.former, confidence=LINK_PROBABILITY[rule],
                    title_role=sector_word.role if sector_word else None, dated=dated,
                    title_sector=sector_word.sector if sector_word else None,
                ),
                link_rule=rule,
                link_evidence=evidence,
            )
        if unsupported and len(unsupported) == len(reading.people):
            # Someone the article does not establish: keep the text; country and sector only from the
            # phrase itself (a title, a country word), what the article says of them, or the article's
            # own country.
            sector = _former_or(sector_word, reading.former)
            country = country_hint
            description = self._article_description(toks, article) if sector is None else None
            if description is not None:
                sector, country = description.sector, phrase_country or description.country or country
            if sector is None and phrase_country is None and _looks_like_a_personal_name(toks):
                sector = "CVL"  # an unlinked person with nothing in the phrase saying more: a civilian
            return ActorResolution(
                text, None, None, country, sector, sector_word.role if sector_word else None,
                "person", 0.3, plover_country=country,
            )
        if reading.people:  # a known name that the date does not single out: keep what is shared
            people = [self.kb.people[ref.person_id] for group in reading.people for ref in group]
            shared = {person.country for person in people}
            country = next(iter(shared)) if len(shared) == 1 else country_hint
            all_former = all(
                not any(spell.active_on(day) for spell in person.roles)
                and any(spell.ended_before(day) for spell in person.roles)
                for person in people
            )
            sector = "ELI" if all_former else _former_or(sector_word, reading.former)
            return ActorResolution(
                text, None, None, country, sector, None, "person", 0.4, plover_country=country
            )

        if len(reading.first_org_choices) > 1:
            # An acronym several countries' parties share ("ANC", "NDP"): the phrase's or the article's
            # country picks one; with neither, only what they have in common is known.
            choices = [self.kb.organisations[org_id] for org_id in reading.first_org_choices]
            fitting = [org.id for org in choices if country_hint and org.country == country_hint]
            primary = reading.first_org_primary
            if not fitting and len(primary) == 1 and len(primary) < len(choices):
                # A country-qualified party's bare name ("Labour Party") that the article's country does not
                # pick: the one the name belongs to in the files (Britain's), as before it was shared.
                fitting = list(primary)
            if len(fitting) == 1:
                reading.orgs = fitting + [org_id for org_id in reading.orgs if org_id != fitting[0]]
            else:
                sectors = {org.sector_on(day) for org in choices}
                stated = self._stated_country_of_namesake(reading)
                country = country_hint if fitting else stated
                return ActorResolution(
                    text, None, None, country, sectors.pop() if len(sectors) == 1 else None, None, "group",
                    0.4, plover_country=stated,
                )
        if reading.orgs and not (
            phrase_country and sector_word and self._is_igo(reading.orgs[0]) and not _posted_abroad(reading)
        ):
            # ("Russia's UN ambassador" is Russia's diplomat; "the UN envoy for Syria" is the UN's.)
            stated = self._stated_country_of_namesake(reading)
            if stated is not None:
                # "Uzbekistan's State Security Service" is not Britain's (MI5's name): the namesake of the
                # country named, with the institution's sector; no organisation of the knowledge base.
                org = self.kb.organisations[reading.orgs[0]]
                sector = "ELI" if reading.former else org.sector_on(day)
                role = sector_word.role if sector_word else None
                return ActorResolution(
                    text, None, None, stated, sector, role, "group", 0.6, plover_country=stated
                )
            return self._org_result(text, reading, day, sector_word)

        country = country_hint
        role = sector_word.role if sector_word else None
        if region is not None and sector_word is not None and sector_word.role and not reading.countries:
            if _title_text(reading, sector_word) in _MONARCH_TITLES:
                # "the Emir of Kano", "the Sultan of Sokoto": a traditional ruler of the region, an elite
                # without state office (PLOVER ELI), not its governor (session 23)
                return ActorResolution(
                    text, None, None, region.iso3, "ELI", None, "person", 0.6, plover_country=region.iso3,
                    region=region.region,
                )
            # "Lagos governor", "Chief Minister of Tamil Nadu": the head of that region at the date.
            if not reading.former and not reading.unknown_name and not sector_word.plural:
                head = self._regional_head(region, sector_word.sector, day)
                if head is not None:
                    return replace(self._person_result(text, head, day, former=False, confidence=0.8),
                                   region=region.region)
            return ActorResolution(
                text, None, None, region.iso3, "ELI" if reading.former else sector_word.sector, role,
                "person" if reading.unknown_name else "agent", 0.6, plover_country=region.iso3,
                region=region.region,
            )
        if (
            sector_word
            and sector_word.role
            and country
            and not reading.former
            and not reading.unknown_name
            and not sector_word.plural
        ):
            holder = self._holder(country, sector_word.role, _title_text(reading, sector_word), day)
            if holder is not None:
                return self._person_result(text, holder, day, former=False, confidence=0.8)

        organisation = self._organisation_shape(toks)
        if organisation is not None and (reading.unknown_name or reading.people):
            # "Dick Clark Productions", "Manitoba Underdogs Rescue": a name ending in an organisation word
            # is an organisation the knowledge base does not hold, not a person; its sector is what the
            # organisation word implies, else the phrase's own sector word.
            word_sector = sector_word.sector if sector_word else None
            sector = "ELI" if reading.former else organisation or word_sector
            return ActorResolution(
                text, None, None, country, sector, None, "group", 0.5, plover_country=country
            )
        if reading.unknown_name:
            # Someone the knowledge base does not hold: keep the text, take what the phrase makes clear,
            # then what the article says of them ("Royce Koop, a political scientist").
            sector = _former_or(sector_word, reading.former)
            if reading.former and sector_word is None:
                sector = "ELI"
            description = self._article_description(toks, article) if sector is None else None
            if description is not None:
                sector, country = description.sector, phrase_country or description.country or country
            if sector is None and not reading.countries and _looks_like_a_personal_name(toks):
                sector = "CVL"  # PLOVER: a person with no office or affiliation the text gives is a civilian
            return ActorResolution(
                text, None, None, country, sector, role, "person", 0.5, plover_country=country
            )

        if sector_word is not None or reading.former:
            sector = "ELI" if reading.former else sector_word.sector if sector_word else None
            if phrase_country is None and article is not None and at is not None:
                # "missionaries from the United States were kidnapped in Haiti": where they come from, over
                # the story's country (session 23)
                country = article.origin_country(at + len(text)) or country
            if country is None and article is not None:
                # "residents", "the regime" in an article with no country of its own (no dateline, no
                # clear majority of places): the country of the place their sentence says things happen
                # in ("... to stay in Rukban"), else none. Measured against letting that place override
                # the article's own country too: that cost dev cases (a Canadian story's "police" taken
                # to Britain by a London in their sentence).
                country = article.sentence_country(at)
            country_record = self.kb.countries.get(country) if country else None
            return ActorResolution(
                text,
                country_record.id if country_record else None,
                country_record.name if country_record else None,
                country,
                sector,
                role,
                "agent",
                0.85 if phrase_country else 0.6 if country else 0.55,
                plover_country=country,
            )

        if reading.countries:
            form = reading.countries[0]
            # "Japan's Diet", "Israel's Knesset": the country, then its institution; the institution (the head
            # noun) gives the sector.
            form = next((later for later in reversed(reading.countries[1:])
                         if later.iso3 == form.iso3 and later.sector), form)
            record = self.kb.countries[form.iso3]
            if form.form == "demonym_plural":
                return ActorResolution(
                    text,
                    record.id,
                    record.name,
                    form.iso3,
                    "CVL",
                    None,
                    "agent",
                    0.8,
                    plover_country=form.iso3,
                )
            return ActorResolution(
                text,
                record.id,
                record.name,
                form.iso3,
                form.sector,
                None,
                "country",
                0.93,
                plover_country=form.iso3,
            )
        if region is not None and not reading.unknown_name and any(
            token.key in self._regional_words for token in toks
        ):
            # A region's adjective with nothing else known ("the Tigrayan faction"): its country; its plural
            # demonym ("Albertans") names its people, civilians as "Iraqis" are. (A region's own name alone,
            # "Texas", stays a place.)
            people = toks[-1].key in self._regional_people
            return ActorResolution(
                text, None, None, region.iso3, "CVL" if people else None, None, "agent", 0.6,
                plover_country=region.iso3, region=region.region,
            )
        return _unknown(text)

    @staticmethod
    def _prefer_region(
        reading: _Reading, context_country: str | None, article: ArticleEvidence | None
    ) -> None:
        """A regional title with a word that is a country and another country's region: the region when the
        story is the region's country's and not the other's ("the governor of Formosa" in Argentine news), or,
        with no such evidence, when the word is only an alias of the country ("Formosa governor": Taiwan has
        no governors)."""
        country, region, alias_only = reading.region_instead  # type: ignore[misc]
        word = reading.deciding_word()
        if word is None or word.role not in _REGIONAL_ROLES or reading.regions or len(reading.countries) != 1:
            return

        # (The article's countries hold the word itself, read as the country: only its own country counts
        # against the region.)
        if context_country == country.iso3:
            return
        regions_country = context_country == region.iso3 or (
            article is not None and article.establishes(region.iso3))
        if not (regions_country or alias_only):
            return
        reading.countries.clear()
        reading.country_starts.clear()
        reading.regions.append(region)

    def _supported_single(
        self, candidates: list[_PersonRef], day: dt.date, reading: _Reading, sector_word: _SectorWord | None,
        phrase_country: str | None, article: ArticleEvidence | None, at: int | None,
    ) -> tuple[Person, str, str] | None:
        """(person, rule, evidence) for a one-word name the article supports, or None."""
        people = list({ref.person_id: self.kb.people[ref.person_id] for ref in candidates}.values())
        if article is not None:
            mentioned = [(p, m) for p in people if (m := article.full_mention(p.id, at)) is not None]
            if len(mentioned) == 1:
                return mentioned[0][0], SURNAME_AFTER_FULL_NAME, mentioned[0][1].text
            if sector_word is None or sector_word.role is None:
                # A bare "Trump" after "President Trump" linked by title and country.
                titled = [(p, m) for p in people if (m := article.titled_mention(p.id, at)) is not None]
                if len(titled) == 1:
                    return titled[0][0], SURNAME_AFTER_FULL_NAME, titled[0][1].text
        if sector_word is None or sector_word.role is None or reading.former:
            return None
        # "President Erdogan" in an article that names Turkey: the title's holder of that country.
        titled = []
        for person in people:
            for spell in person.roles:
                if spell.country is None or not spell.active_on(day):
                    continue
                country_ok = spell.country == phrase_country or (
                    phrase_country is None and article is not None and article.establishes(spell.country)
                )
                if country_ok and self._same_office(spell.role, sector_word.role):
                    titled.append(person)
                    break
        if len(titled) == 1:
            return titled[0], TITLE_AND_COUNTRY, " ".join(reading.word_texts) or titled[0].name
        return None

    def _same_office(self, held: str, named: str) -> bool:
        if held == named:
            return True
        held_info, named_info = self.kb.roles.get(held), self.kb.roles.get(named)
        return held_info is not None and named_info is not None and held_info.sector == named_info.sector

    # --- articles ----------------------------------------------------------------------------------------

    def read_article(
        self,
        text: str,
        when: dt.date | None = None,
        *,
        dateline_country: str | None = None,
        place_countries: Iterable[str] = (),
        outlet_country: str | None = None,
        place_mentions: Sequence[tuple[int, str]] = (),
    ) -> ArticleEvidence:
        """What an article establishes: the knowledge-base people it names in full (by first mention)
        and the countries it names, and its own country from dateline, places and outlet (never from a
        person). place_countries: the countries of the places the places stage found, one per mention;
        place_mentions: the same mentions with their offsets, when known (a generic actor in an article
        without a country takes the country of the place its own sentence names)."""
        named: dict[str, NameMention] = {}
        countries: set[str] = set()
        country_words: Counter[str] = Counter()
        described: dict[str, list[PersonDescription]] = {}
        title_countries: dict[str, str] = {}
        titled_surnames: list[re.Match[str]] = []
        for match in _NAME_RUN.finditer(text):
            toks = tokens(match.group())
            if len(toks) > 1 and _starts_sentence(text, match.start()):
                # "Under Barack Obama, ...": a sentence's first word is capitalised without being a name.
                toks = toks[1:] if toks[0].plain in _SENTENCE_OPENERS else toks
            spans = self._spans(toks)
            self._describe(text, match, toks, spans, when, described)
            self._title_country(match.group(), toks, spans, when, title_countries)
            if len(spans) > 1 and any(
                isinstance(entry, _SectorWord) and entry.role for entry in spans[0][2]
            ) and any(isinstance(entry, _PersonRef) and entry.single for entry in spans[-1][2]):
                titled_surnames.append(match)  # "President Trump": linked below, once the countries are known
            for index, (_, _, entries) in enumerate(spans):
                forms = [entry for entry in entries if isinstance(entry, _CountryForm)]
                regions = [entry for entry in entries if isinstance(entry, _RegionRef)]
                one_country = len({region.iso3 for region in regions}) == 1
                if not forms and regions and len(regions) == len(entries) and one_country:
                    # "Lagos" establishes Nigeria for a title, but casts no vote for the article's country:
                    # a region is often part of a name ("the New York Times").
                    countries.add(regions[0].iso3)
                    continue
                if forms:
                    if _names_a_currency(text, match.end()):
                        continue  # "pay in US dollars", "Hong Kong dollars": money, not where the story is
                    countries.add(forms[0].iso3)
                    country_words[forms[0].iso3] += 1
                    continue
                people = [
                    entry for entry in entries
                    if isinstance(entry, _PersonRef) and not entry.single and not entry.weak
                ]
                if not people or _name_continues(spans, index, toks):
                    continue
                ids = {ref.person_id for ref in people}
                if len(ids) == 1:
                    person_id = next(iter(ids))
                    if person_id not in named:
                        named[person_id] = NameMention(person_id, match.group(), match.start())
        places = list(place_countries)
        if place_mentions and len(place_mentions) == len(places):
            # The places stage reads the "US" of "US dollars" as a place; a currency says nothing of where.
            kept = [not _names_a_currency(text, _mention_end(text, start)) for start, _ in place_mentions]
            places = [country for country, keep in zip(places, kept, strict=True) if keep]
            place_mentions = [mention for mention, keep in zip(place_mentions, kept, strict=True) if keep]
        countries.update(country for country in places if country)
        country, evidence = article_country(dateline_country, places, outlet_country)
        if country is None and country_words:
            # No dateline, place or outlet says where: the country words of the text do when one of them
            # clearly leads ("Israeli police ... in Israel"), never the country of a person named.
            (top, top_count), *rest = country_words.most_common()
            if not rest or (top_count > rest[0][1] and top_count * 2 >= sum(country_words.values())):
                country, evidence = top, "country_words"
        titled: dict[str, NameMention] = {}  # filled below: the links need the article's countries
        found = ArticleEvidence(named=named, titled=titled, countries=frozenset(countries), country=country,
                                country_evidence=evidence,
                                described={key: tuple(found) for key, found in described.items()},
                                title_countries=title_countries, places=located_places(text, place_mentions),
                                sentence_starts=sentence_starts(text) if place_mentions else (),
                                origins=origin_places(text, place_mentions),
                                mentions=tuple(sorted(place_mentions)))
        for match in titled_surnames:
            # "President Trump" links by title and country: it is then the mention that later bare
            # "Trump"s of the article rest on, as a full name would be.
            resolution = self.resolve(match.group(), when, article=found, at=match.start())
            person_id = resolution.actor_id
            if resolution.link_rule == TITLE_AND_COUNTRY and person_id and person_id not in titled:
                titled[person_id] = NameMention(person_id, match.group(), match.start())
        return found

    def _title_country(
        self, run: str, toks: list[Token], spans: list[tuple[int, int, list[_Entry]]], when: dt.date | None,
        title_countries: dict[str, str],
    ) -> None:
        """Record the country of a titled person mention ("Manitoba Premier Brian Pallister": premier ->
        CAN), the first one per title word."""
        titles = [
            " ".join(token.plain for token in toks[start:end]) for start, end, entries in spans
            if any(isinstance(entry, _SectorWord) and entry.role for entry in entries)
        ]
        if not titles or all(title in title_countries for title in titles):
            return
        resolution = self.resolve(run, when)
        if resolution.kind == "person" and resolution.country:
            for title in titles:
                title_countries.setdefault(title, resolution.country)

    def _describe(
        self, text: str, match: re.Match[str], toks: list[Token], spans: list[tuple[int, int, list[_Entry]]],
        when: dt.date | None, described: dict[str, list[PersonDescription]],
    ) -> None:
        """Record what the article says about an unknown person named by this run of capitalised words:
        the title before the name ("NASA Administrator Jim Bridenstine", "train conductor Brad Slater")
        or the apposition after it ("Royce Koop, a political scientist"). Keyed by the full name and
        each of its endings (the surname), so later mentions find it."""
        name_start = len(toks)
        for start, end, entries in reversed(spans):
            words = toks[start:end]
            if not all(
                token.capitalised and token.plain.isalpha() and token.key == token.plain
                and token.plain not in _NOT_A_NAME for token in words
            ):
                break
            if entries and not (
                end - start == 1 and all(isinstance(entry, _PersonRef) for entry in entries)
            ):
                break  # a known person's full name, a country, organisation or title: not an unknown name
            name_start = start
        name = toks[name_start:]
        if len(name) < 2 or name[0].plain in _NAME_PARTICLES:
            return
        raw_words = match.group().split()
        title = None
        for count in range(1, len(raw_words) + 1):
            if len(tokens(" ".join(raw_words[-count:]))) == len(name):
                title = " ".join(raw_words[:-count])
                break
        if title is None:
            return
        before = _CLAUSE_PUNCTUATION.split(text[max(0, match.start() - 80):match.start()])[-1].split()
        lead: list[str] = []
        for word in reversed(before[-_TITLE_WORDS:]):
            if word.lower() in _TITLE_STOP:
                break
            lead.insert(0, word)
        found = self._description_of(" ".join(lead + ([title] if title else [])), when)
        if found is None:
            apposition = _APPOSITION.match(text, match.end())
            if apposition is not None and not apposition.group(1)[:1].isdigit():
                found = self._description_of(apposition.group(1), when)
        if found is None:
            return
        sector, country = found
        full = " ".join(token.plain for token in name)
        description = PersonDescription(full, sector, country, match.start())
        for index in range(len(name)):
            key = " ".join(token.plain for token in name[index:])
            known = described.setdefault(key, [])
            if all(earlier.name != full for earlier in known):
                known.append(description)

    def _description_of(self, phrase: str, when: dt.date | None) -> tuple[str, str | None] | None:
        """(sector, country) of a title or apposition describing a person, or None when it says nothing
        about them (empty, another person's name, a bare name)."""
        if not phrase.strip():
            return None
        resolution = self.resolve(phrase, when)
        if resolution.sector is None:
            return None
        if resolution.kind == "person" and (
            resolution.sector == "CVL" or (resolution.actor_id is not None and resolution.role is None)
        ):
            return None  # a bare name, or another known person: nothing said about this one
        return resolution.sector, resolution.country

    def _organisation_shape(self, toks: list[Token]) -> str | None:
        """The sector an organisation-shaped name implies ("" when the word names no sector), or None when
        the phrase is not one: two or more capitalised words whose last is an organisation word."""
        if len(toks) < 2 or not toks[-1].capitalised or not toks[-2].capitalised:
            return None
        sector = self.kb.organisation_words.get(toks[-1].plain, _NOT_ORGANISATION)
        return None if sector is _NOT_ORGANISATION else (sector or "")

    def _article_description(
        self, toks: list[Token], article: ArticleEvidence | None
    ) -> PersonDescription | None:
        """The article's description of the unknown person this phrase names, or None."""
        if article is None or not article.described:
            return None
        names = [
            token for token in toks
            if token.capitalised and token.plain.isalpha() and token.plain not in _NOT_A_NAME
        ]
        if not names:
            return None
        return article.description(" ".join(token.plain for token in names))

    def _is_igo(self, org_id: str) -> bool:
        return self.kb.organisations[org_id].kind == "igo"

    def _pick_person(
        self, candidates: list[_PersonRef], day: dt.date, country_hint: str | None,
        phrase_country: str | None, *, dated: bool = True,
    ) -> Person | None:
        people = list({ref.person_id: self.kb.people[ref.person_id] for ref in candidates}.values())
        if phrase_country:
            # A phrase naming a country is about someone of that country, never someone else of the same name.
            people = [person for person in people if _belongs_to(person, phrase_country)]
        elif country_hint and len(people) > 1:
            people = [person for person in people if _belongs_to(person, country_hint)] or people
        if len(people) == 1:
            return people[0]
        if not dated or all(ref.weak for ref in candidates):
            return None  # several people answer to the name and nothing but today's date tells them apart
        active = [person for person in people if any(spell.active_on(day) for spell in person.roles)]
        return active[0] if len(active) == 1 else None

    def _person_result(
        self, text: str, person: Person, day: dt.date, *, former: bool, confidence: float,
        title_role: str | None = None, dated: bool = True, title_sector: str | None = None,
    ) -> ActorResolution:
        active = [spell for spell in person.roles if spell.active_on(day)]
        if not active and not former and person.roles and not dated:
            # With no date at all, a person is coded by the office the phrase names ("President Bill
            # Clinton") or else the offices they are known for, not as "former". With a date the
            # knowledge base decides (a title can be historical).
            titled = [spell for spell in person.roles if title_role and spell.role == title_role]
            active = titled or list(person.roles)
        if active and not former:
            spell = min(active, key=lambda s: (self._precedence(s.role), -s.start.first.toordinal()))
            if spell.country is None:  # an office of an organisation (UN Secretary-General): no country
                org = self.kb.organisations.get(self._spell_org.get(spell, ""))
                return ActorResolution(
                    text,
                    person.id,
                    person.name,
                    None,
                    spell.sector,
                    spell.role,
                    "person",
                    confidence,
                    plover_country=org.plover_country if org else "IGO",
                )
            return ActorResolution(
                text,
                person.id,
                person.name,
                spell.country,
                spell.sector,
                spell.role,
                "person",
                confidence,
                plover_country=spell.country,
                region=spell.region,
            )
        past = [
            spell for spell in person.roles if spell.ended_before(day) or (former and spell.active_on(day))
        ]
        if past or former:
            last = max(past, key=lambda s: s.start.first).role if past else None
            return ActorResolution(
                text,
                person.id,
                person.name,
                person.country,
                "ELI",
                last,
                "person",
                confidence,
                plover_country=person.country,
            )
        return ActorResolution(
            text,
            person.id,
            person.name,
            person.country,
            # No office known at or before the date: what the phrase calls them ("Sen. Marco Rubio" before
            # the offices the knowledge base records), else the person's own sector.
            person.sector or title_sector,
            None,
            "person",
            confidence,
            plover_country=person.country,
        )

    def _precedence(self, role: str) -> int:
        info = self.kb.roles.get(role)
        return info.precedence if info else len(self.kb.roles)

    def _holder(self, country: str, role: str, title_text: str, day: dt.date) -> Person | None:
        """Who held `role` (or a spell titled exactly as the phrase says) in `country` on `day`. A spell
        titled "<title> of ..." answers the bare title only for an office with one holder ("President of
        the Republic" for "the president"): "the Nigerian minister" is not whoever is "Minister of the
        Interior" (session 20: a bare or unknown-portfolio minister linked the latest minister appointed)."""
        info = self.kb.roles.get(role)
        single = info is not None and info.single_holder
        best: tuple[int, int, Person] | None = None
        for person, spell, title_key in self._holders.get(country, ()):
            if not spell.active_on(day):
                continue
            by_title = title_key is not None and (
                title_key == title_text or (single and title_key.startswith(title_text + " of "))
            )
            if by_title:
                score = 2
            elif spell.role == role and info is not None and info.single_holder:
                score = 1
            else:
                continue
            candidate = (score, spell.start.first.toordinal(), person)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        return best[2] if best else None

    def _regional_head(self, region: _RegionRef, sector: str, day: dt.date) -> Person | None:
        """Who held a single office of `region` (its governor, chief minister, premier) at `day`."""
        found = [
            (spell.start.first, person)
            for person, spell, _ in self._holders.get(region.iso3, ())
            if spell.region == region.region and spell.active_on(day) and spell.sector == sector
        ]
        people = {person.id for _, person in found}
        return max(found, key=lambda item: item[0])[1] if len(people) == 1 else None

    def _possessor_as_country(
        self, text: str, reading: _Reading, article: ArticleEvidence | None, at: int | None
    ) -> _Reading:
        """A person named only as whose the actor is ("Vladimir Putin's troops", "Donald Trump's lawyer",
        "Jose Antonio Kast's Republicans") is not the actor: the words after the possessive are read on their
        own, with the person's country standing in for the name, as "Russia's troops" would be (session 24).
        The reading as it was when the possessor is not one known person or nothing known follows it. A bare
        surname counts only when the article names that person in full (or by title) before it: "Ms Raggi's
        adviser" in a Rome story is not the Lebanese minister Raggi's."""
        found = _POSSESSIVE.match(text)
        if found is None:
            return reading
        owner = self._read(tokens(found.group(1)))
        if len(owner.people) != 1 or owner.words or owner.orgs or owner.countries or owner.unknown_name:
            return reading
        refs = owner.people[0]
        if all(ref.single for ref in refs):
            refs = [ref for ref in refs if article is not None and (
                article.full_mention(ref.person_id, at) or article.titled_mention(ref.person_id, at))]
        countries = {self.kb.people[ref.person_id].country for ref in refs}
        if len(countries) != 1 or None in countries:
            return reading
        rest = self._read(tokens(found.group(2)))
        if not (rest.words or rest.orgs):
            return reading
        rest.countries.insert(0, _CountryForm(countries.pop(), "name", None))  # type: ignore[arg-type]
        rest.country_starts.insert(0, -1)
        return rest

    def _stated_country_of_namesake(self, reading: _Reading) -> str | None:
        """The country a phrase names before its first organisation when that organisation is a national
        institution or party of another country ("Chile's Frente Amplio", Uruguay's in the files): the phrase
        means the named country's namesake. None when the phrase names no country before it, the country is
        the organisation's own, or the organisation is not of a national kind (_NATIONAL_ORG_TYPES)."""
        if not reading.countries or reading.first_org_start is None or not reading.orgs:
            return None
        if reading.country_starts[0] > reading.first_org_start:
            return None  # "the Met in Dhaka": where it acts, not whose it is
        stated = reading.countries[0].iso3
        choices = reading.first_org_choices or (reading.orgs[0],)
        organisations = [self.kb.organisations[org_id] for org_id in choices]
        if any(org.type not in _NATIONAL_ORG_TYPES or org.country in (None, stated) for org in organisations):
            return None
        return stated

    def _org_result(
        self, text: str, reading: _Reading, day: dt.date, sector_word: _SectorWord | None
    ) -> ActorResolution:
        org = self.kb.organisations[reading.orgs[0]]
        # "UN chief", "Hezbollah leader", "NATO Secretary-General": the organisation's head at the date.
        # A title names the holder of its own office ("Hamas military commander"); a head's title or a
        # leader word names whoever heads the organisation. Another office's title names none of them: the
        # "UN envoy" is not the Secretary-General.
        titled = [(word, text) for (_, word), text in zip(reading.words, reading.word_texts, strict=True)]
        by_leader_word = any(text in _LEADER_WORDS for _, text in titled)
        roles = {word.role for word, _ in titled if word.role is not None and not word.plural}
        if roles & _HEAD_ROLES:
            roles |= _HEAD_ROLES
        if (by_leader_word or roles) and not reading.former and not reading.unknown_name:
            leaders = [
                person for person, spell, _ in self._org_holders.get(org.id, ())
                if spell.active_on(day) and (by_leader_word or spell.role in roles)
            ]
            if len({person.id for person in leaders}) == 1:
                return self._person_result(text, leaders[0], day, former=False, confidence=0.8)
        kind: ActorKind = "igo" if org.kind == "igo" else "group"
        sector = "ELI" if reading.former else org.sector_on(day)
        if sector == "GOV" and sector_word is not None and sector_word.sector in _ARMED_SECTORS:
            sector = "MIL"  # the fighters of a group in power are its military ("Taliban fighters" in 2023)
        return ActorResolution(
            text,
            org.id,
            org.name,
            org.country,
            sector,
            sector_word.role if sector_word else None,
            kind,
            0.9,
            plover_country=org.plover_country or org.country,
        )


def _names_a_currency(text: str, end: int) -> bool:
    """Whether a currency's name follows a country word ending at `end` ("US dollars", "Russian roubles")."""
    return _CURRENCY_AFTER.match(text, end) is not None


def _mention_end(text: str, start: int) -> int:
    """The end of the capitalised name a place mention starts (the places stage gives the start only)."""
    found = _NAME_RUN.match(text, start)
    return found.end() if found else start


def _posted_abroad(reading: _Reading) -> bool:
    """The phrase's organisation heads it and its countries only follow a preposition: "the UN envoy for
    Syria", "the EU mission in Kosovo", "the AU mission in Somalia" are the organisation's people where
    they serve, not that country's."""
    return (
        reading.head_end is not None and reading.first_org_start is not None
        and reading.first_org_start < reading.head_end
        and all(start >= reading.head_end for start in reading.country_starts)
    )


def _looks_like_a_personal_name(toks: list[Token]) -> bool:
    """One to four capitalised words (name particles allowed), as people's names are written; longer runs
    are mostly organisations ("Manitoba Underdogs Rescue Society")."""
    words = [token for token in toks if token.plain not in _NAME_PARTICLES]
    if len(words) > 3 and words[0].plain.isdigit() and [t.plain for t in words[1:3]] == ["year", "old"]:
        words = words[3:]  # "31-year-old Herbert Lattin": an age before the name
    return 1 <= len(words) <= 4 and all(token.capitalised and token.key == token.plain for token in words)


def _head_token(spans: list[tuple[int, int, list[_Entry]]], toks: list[Token]) -> int | None:
    """Index of the phrase's head noun when no list holds it: the last word before a preposition (or the
    end), written in lower case (a capitalised unknown word is a name), alphabetic, not a function word."""
    last = None
    for start, _, entries in spans:
        if not entries and toks[start].plain in _PREPOSITIONS:
            break
        last = (start, entries)
    if last is None:
        return None
    start, entries = last
    token = toks[start]
    if entries or token.capitalised or len(token.plain) < 3 or not token.plain.isalpha():
        return None
    if token.plain in _NOT_A_NAME or token.plain in _SENTENCE_OPENERS:
        return None
    return start


def _foreign_by_nature(toks: Sequence[Token]) -> bool:
    """Whether the phrase names actors who are foreign where they act ("peacekeepers", "foreign fighters")."""
    words = [token.plain for token in toks]
    return any(word in _FOREIGN_BY_NATURE for word in words) or any(
        word in _FOREIGN and following in _FOREIGN_PEOPLE for word, following in itertools.pairwise(words)
    )


def _starts_sentence(text: str, start: int) -> bool:
    """Whether `start` opens a sentence: the text's start, or after a line break, end punctuation or an
    opening quote (only the characters just before it are looked at)."""
    before = text[max(0, start - 40):start].rstrip(" \t")
    if not before:
        return start <= 40
    return before[-1] in "\n.!?\"“‘("


def _unknown(text: str) -> ActorResolution:
    return ActorResolution(text, None, None, None, None, None, "unknown", 0.0)


def _former_or(word: _SectorWord | None, former: bool) -> str | None:
    if former:
        return "ELI"
    return word.sector if word else None


def _belongs_to(person: Person, country: str) -> bool:
    return person.country == country or any(spell.country == country for spell in person.roles)


def _capitalised_only(entries: list[_Entry]) -> bool:
    """Whether every meaning of a span is a name that means its company only when written capitalised."""
    return bool(entries) and all(isinstance(entry, _OrgRef) and entry.capitalised for entry in entries)


def _name_continues(spans: list[tuple[int, int, list[_Entry]]], index: int, toks: list[Token]) -> bool:
    """Whether an unknown capitalised word stands right before or after the span at `index`."""
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(spans):
            start, _, entries = spans[neighbour]
            token = toks[start]
            if not entries and token.capitalised and token.plain not in _NOT_A_NAME:
                return True
            if not entries and token.plain in _NAME_PARTICLES:
                return True
            if entries and all(isinstance(entry, _PersonRef) for entry in entries):
                return True  # two known names side by side ("Ahmed Hassan") name a third, unknown person
    return False


def _is_stance(toks: Sequence[Token], start: int, end: int) -> bool:
    """A government word used as a stance: after "pro" ("pro-government") or before "backed" and the like
    ("government-backed"). "anti-government" is an opposition term of its own (agents.yaml)."""
    if toks[start].plain not in _STANCE_GOVERNMENT or end - start != 1:
        return False
    after_pro = start > 0 and toks[start - 1].plain == "pro"
    return after_pro or (end < len(toks) and toks[end].plain in _SIDED_WITH)


def _deciding_word(words: list[tuple[int, _SectorWord]]) -> _SectorWord | None:
    """The sector word that codes the phrase: a dominant one ("rebel forces"), else the rightmost
    non-weak one (the English head noun: "government troops"), else the rightmost weak one that does not
    name the people of an organisation ("prison officials": the prison's, COP), else the rightmost."""
    if not words:
        return None
    for _, word in words:
        if word.dominant:
            return word
    strong = [word for _, word in words if not word.weak]
    if strong:
        return strong[-1]
    organisations = [word for _, word in words if not word.member]
    return organisations[-1] if organisations else words[-1][1]


def _title_text(reading: _Reading, word: _SectorWord) -> str:
    """The plain text of the phrase's deciding title, for matching a spell's own title ("Supreme Leader")."""
    for (_, candidate), text in zip(reading.words, reading.word_texts, strict=True):
        if candidate is word:
            return text
    return ""


def _title_key(title: str) -> str:
    return " ".join(token.plain for token in tokens(title))


def _looks_plural(term: str) -> bool:
    last = term.split()[-1].lower() if term.split() else ""
    return (last.endswith("s") and not last.endswith("ss")) or last in {"people", "men", "women", "police"}


def _plural_demonyms(demonyms: Sequence[str]) -> set[str]:
    """ "Iraqis" is the plural of "Iraqi"; "Swiss" and "Chinese" are not plurals of anything listed."""
    forms = set(demonyms)
    plural = set()
    for demonym in demonyms:
        if (demonym.endswith("s") and (demonym[:-1] in forms or demonym[:-2] in forms)) or (
            demonym.endswith("men") and demonym[:-3] + "man" in forms
        ):
            plural.add(demonym)
    return plural
