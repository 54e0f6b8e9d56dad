"""Step 5 of the coder, `eventwire_roles`: who did it to whom, and who said so.

Its run on the Doc reads the article's actor mentions (events/mentions.py: names, descriptions and
pronouns resolved to the knowledge base, with the places of `doc._.event_setting`) and writes
`doc._.event_mentions`. The records step then asks it, event by event, for the source and target actors
(`roles`: read off the parse of the trigger, its light verb, the act a frame embeds, the one an act is
imposed on, its place or purpose) and for the speaker of a reported event (`speaker`), as of the event's
date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.events import syntax
from eventwire.events.doc_state import ArticleInfo, ArticleSetting, Candidate, register_extensions
from eventwire.events.mentions import ArticleMentions, Resolver
from eventwire.events.records import ActorRef
from eventwire.events.triggers import Trigger, TriggerTable

if TYPE_CHECKING:
    from eventwire.events.coder_pipeline import CoderResources

# Where a meeting, a fight or a protest happens is its location, not a party to it; a curfew imposed in
# Algiers or an embassy opened in Tehran is done to that place.
_PLACE_IS_NO_RECIPIENT = {"CONSULT", "ASSAULT", "PROTEST", "ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# Statements: with no agent of their own they are made by whom the sentence attributes them to
# ("Israel was accused of ..., according to the ministry").
_SPEECH_ACT_TYPES = {"ACCUSE", "REQUEST", "THREATEN", "REJECT"}
# Acts only a state's authorities do: with no agent named, the state where they were done did them.
_ACTS_OF_STATE = {"COERCE", "SANCTION", "ACCUSE"}
# CAMEO 0841, "return, release person(s)": with no agent named, whoever held them, as a rule the state.
_RELEASE_OF_PERSONS = "0841"
# Staying in custody ("will remain in jail"): the verb, the places of custody, and who rules it (police,
# courts, prosecutors: the sectors of a state's law enforcement).
_STAYING_VERBS = {"remain", "stay"}
_CUSTODY_NOUNS = {"jail", "prison", "custody", "detention", "remand"}
_RULING_VERBS = syntax.REPORTING_VERBS | {"rule", "order", "decide"}
_AUTHORITY_SECTORS = {"COP", "JUD"}
# A raid (ASSAULT in the trigger table) is also how people are arrested (COERCE): one force, two acts.
_ACTS_OF_FORCE = {"ASSAULT", "COERCE"}
_ALL_SUBJECT_DEPS = syntax.SUBJECT_DEPS | syntax.PASSIVE_SUBJECT_DEPS
# Acts two parties do with each other (meet, agree, cooperate): when both are named, coordinated, as the
# subject and no recipient is named apart, each is the other's counterpart. (Not ASSAULT: "government
# forces and their allies bombarded" are allies, on the document gold's dev articles.)
_MUTUAL_ACTS = {"CONSULT", "AGREE", "COOPERATE"}
_MUTUAL_CAMEO = {"057"}  # sign a formal agreement
# mediating is done by third parties side by side, not with each other: "Qatar, Egypt and the US mediated
# the ceasefire" names three mediators, not talks between Qatar and the other two
_THIRD_PARTY_CAMEO = {"045"}
# Acts done to things as well as to people: an attack on a refinery, the seizure of a building, a ban on a
# channel, a protest at a parliament. (Not statements, aid or meetings: "rejected a bill" and "approved
# funds" are about a thing, not done to a party.)
_ACTS_ON_THINGS = {"ASSAULT", "COERCE", "PROTEST", "SANCTION"}
# Acts that move something to someone (aid, a handover, a concession, troops sent): the direct object is
# what is moved, the object of a destination preposition whom it goes to.
_GIVING_ACTS = {"AID", "COOPERATE", "CONCEDE", "MOBILIZE"}
_DESTINATION_PREPOSITIONS = {"to", "into", "toward", "towards"}


class RoleReader:
    def __init__(self) -> None:
        register_extensions()
        self.resolver: Resolver | None = None
        self.triggers: TriggerTable | None = None

    def bind(self, resources: CoderResources) -> None:
        self.resolver = resources.resolver
        self.triggers = resources.triggers

    def __call__(self, doc: Doc) -> Doc:
        assert self.resolver is not None, "bind() the step to the coder's resources first"
        info: ArticleInfo = doc._.event_article or ArticleInfo()
        setting: ArticleSetting | None = doc._.event_setting
        mentions = ArticleMentions(doc, self.resolver, info.dct, places=setting.places if setting else [])
        # "KHARTOUM (Meridian Wire) — The army ...": the dateline is where, never who
        mentions.not_actors_before = setting.dateline_end if setting else 0
        doc._.event_mentions = mentions
        return doc

    def roles(self, token: Token, role_token: Token, candidate: Candidate, mentions: ArticleMentions,
               when: dt.date | None, speaker: ActorRef | None) -> tuple[list[ActorRef], list[ActorRef]]:
        source_heads: list[Token] = []
        target_heads: list[Token] = []
        dyad = False  # "between X and Y" split in two: X alone is the source
        patients_read = False  # a passive: its patients are the target, whatever else the clause names
        comma_joined = False  # a headline's "X, Y sign ...": two parties, as "X and Y" would be
        if token.pos_ in {"VERB", "AUX", "ADJ"}:
            patients = syntax.passive_patients(token) or _inherited_patients(token)
            # "journalists detained by the police": a cut-short passive relative; a stance ("committed")
            # has no such reading ("abuses committed by X" promise nothing)
            reduced = [] if candidate.trigger.frame else syntax.reduced_passive_patients(token)
            # "activists arrested during the protests": a participle cut short with no by-agent (forces
            # mobilised with no one named to have done it are the side that mobilises, as in a passive)
            participle = [] if candidate.trigger.frame or reduced else syntax.participle_patients(token)
            if participle and _mobilised(candidate):
                patients, participle = participle, []
            reduced = reduced or participle
            if patients and candidate.trigger.frame:  # "is committed to": the passive form of a stance
                source_heads = patients
                target_heads = self._targets(token, candidate.trigger, mentions)
            elif patients and _mobilised(candidate) and not syntax.passive_agents(token):
                # "Peshmerga units were put on high alert", "troops were deployed": forces mobilised with
                # no one named to have done it are the side that mobilises (its own forces)
                source_heads = patients
                target_heads = self._targets(token, candidate.trigger, mentions)
            elif patients or reduced:
                patients_read = True
                target_heads = patients or reduced
                source_heads = syntax.passive_agents(token) or [
                    agent for noun in syntax.circumstance_nouns(token) if self._same_kind(noun, candidate)
                    for agent in syntax.noun_roles(noun)[0] if agent.pos_ != "PRON"]
                if source_heads and patients and _visit(candidate) and _hosting(token) and any(
                        mentions.is_agent(p) for p in patients):
                    # "The head of the IMF mission was received by the president": the visitor, named as
                    # the passive subject, comes to the host; the meeting is the visitor's, with the host
                    source_heads, target_heads = patients, source_heads
                if not source_heads and patients and _act_of_state(candidate):
                    source_heads = _state_that_acted(token, mentions, patients)
            elif _held(token):
                # "a judge ruled that Assange should remain in jail": who stays in custody is the one held;
                # whoever holds them is the police or court that ruled it, else the state where, or the
                # authority the article has just named
                target_heads = syntax.subjects(token)
                source_heads = [ruler for ruler in _rulers(token)
                                if (ref := mentions.actor(ruler, when)) is not None
                                and ref.sector in _AUTHORITY_SECTORS] or _state_that_acted(
                                    token, mentions, target_heads)
            elif _faced_act(token, candidate.trigger) and not _visit(candidate):
                # "Assange faces 18 criminal charges in the US": who faces an act is the one it is done to;
                # its doer is whom it comes from, else, for an act of state, the state where it is done
                # or the police, prosecutors or court the article has just named
                target_heads = syntax.subjects(token)
                # (only "from": the "of" of "charges of aggravated kidnapping" names the crime)
                source_heads = [g for g in syntax.givers(token, self._is_act) if g.head.lower_ == "from"]
                if not source_heads and _act_of_state(candidate):
                    source_heads = _state_that_acted(token, mentions, target_heads)
            else:
                # "he asked ..., called Omar a terrorist and said": a listed verb shares the first's subject
                source_heads = syntax.subjects(token) or syntax.listed_verb_subjects(token)
                target_heads = self._targets(token, candidate.trigger, mentions)
                if not target_heads and candidate.trigger.object_is_target and not candidate.trigger.frame:
                    # "the bishop they abducted": the object a relative clause leaves out is the noun it
                    # modifies
                    target_heads = syntax.gapped_relative_object(token)
                # what the trigger verb receives is the act, unless it names someone
                given_by = [] if _visit(candidate) else syntax.givers(
                    token, lambda noun: self._is_act(noun) or not mentions.is_agent(noun))
                if given_by:
                    # "received food vouchers from Brazil", "won the endorsement of the prime minister":
                    # a receiving verb's subject is the one the act is done to, its giver the doer (not
                    # for a visit: who receives a delegation is, as often as not, written as its source)
                    source_heads, target_heads = given_by, syntax.subjects(token)
                if len(source_heads) == 1 and (joined := syntax.comma_joined_party(source_heads[0])):
                    source_heads, comma_joined = [joined, source_heads[0]], True  # "Iran, Saudi Arabia agree"
        else:
            parties = syntax.between_parties(token)
            carrier = syntax.light_verb_of(token)
            small_clause = syntax.object_read_as_subject(token) if carrier is None else None
            if small_clause is not None:
                carrier, target_heads = small_clause  # "Morneau made them a different offer"
            carrier_subjects = syntax.subjects(carrier) if carrier is not None else []
            if carrier is not None and not carrier_subjects and token.dep_ == "pobj":
                carrier_subjects = syntax.passive_patients(carrier)  # "Serb forces were engaged in ..."
            carrier_subjects = [s for s in carrier_subjects
                                if s.i != token.i and s.head.i != token.i and s.dep_ != "expl"]
            if len(carrier_subjects) == 1 and (joined := syntax.comma_joined_party(carrier_subjects[0])):
                # "Russia, China hold talks"
                carrier_subjects, comma_joined = [joined, carrier_subjects[0]], True
            if parties and carrier_subjects:
                # "Qatar's emir launched a mediation between the Emirates and Saudi Arabia"
                source_heads, target_heads = carrier_subjects, parties
            elif parties:
                # "talks between X and Y": a dyad read in the order written, X the source and Y (and any
                # further party) the target, as a meeting of X with Y would be; a repaired first party's own
                # "conjuncts" are the misparse
                named = [part for party in parties
                         for part in (syntax.expand_conjuncts(party) if party.dep_ == "pobj" else [party])]
                source_heads, target_heads, dyad = named[:1], named[1:], len(named) > 1
            else:
                source_heads, own_targets = syntax.noun_roles(token, candidate.trigger.of_is_target)
                target_heads = own_targets or target_heads
                if not source_heads:
                    source_heads = _agents_of_complement(token)  # "the arrest of X by Y"
                if not source_heads:
                    source_heads = syntax.traveller_for(token)  # "arrived in Mogadishu for talks with X"
                if not source_heads and _visit(candidate):
                    # "arrived in Suva for two days of talks with", "said on a visit to Chisinau"
                    source_heads = syntax.present_at(token)
                only_pronouns = source_heads and all(h.pos_ == "PRON" for h in source_heads)
                if carrier_subjects and (not source_heads or only_pronouns):
                    source_heads = carrier_subjects  # "their forces completed their withdrawal"
                receiver = token.head if token.dep_ in {"dobj", "obj"} else None
                if receiver is not None and syntax.is_receiving_verb(receiver) and not _visit(candidate):
                    # "won the backing of the Gulf council", "received aid from the United States": the act
                    # is done to whoever receives it, by its own doer or the one it came from
                    if not any(mentions.is_agent(head) for head in source_heads):  # "pledges of support"
                        source_heads = syntax.givers(receiver, self._is_act) or source_heads
                    if source_heads and not target_heads:
                        target_heads = syntax.subjects(receiver)
                    elif not source_heads and not target_heads and _received_act(candidate):
                        # "The United States faced stiff criticism", "has drawn criticism", "faced
                        # investigations": with no giver named, the one who receives it is still the target
                        target_heads = syntax.subjects(receiver)
                if not target_heads and (undergoing := syntax.undergone_act_subjects(token)):
                    # "the minister came under fire from X", "is under investigation by the police"
                    target_heads = undergoing
                    source_heads = source_heads or syntax.prepositional_objects(token, "from")
                if _visit(candidate) and not (source_heads and target_heads):
                    # "he ordered Putin to cut it out in a conversation", "told Xi in a phone call": a talk
                    # named as the occasion of a clause is between its subject and whom it addressed
                    talkers, addressed = syntax.occasion_parties(token)
                    if talkers and {t.i for t in source_heads} <= {t.i for t in talkers}:
                        source_heads = talkers
                        target_heads = target_heads or [a for a in addressed if mentions.is_agent(a)]
                if not target_heads and carrier is not None and (
                        token.dep_ == "pobj" or token.dep_ in syntax.OBJECT_DEPS):
                    # "engaged in ethnic cleansing ... against the Albanian population", "opened
                    # investigations into X": the parser hangs the noun's recipient on its carrier
                    target_heads = syntax.objects(carrier, with_direct=False)
        if candidate.trigger.frame in {"plan", "deny"} and role_token is not token:
            source_heads = syntax.subjects(role_token) or source_heads
        controller = syntax.controlling_verb(role_token)
        imposed = controller is not None and self.triggers.imposes(controller)
        # "The company rolled back its policy ... after reaching a settlement": a thing does nothing, whoever
        # owns it does (a thing acted on stays the target: "shelled their homes")
        source_heads = [mentions.owner_of_thing(head) or head for head in source_heads]
        source = self._actors(source_heads, mentions, when, speaker, conjuncts=not dyad)

        def recipients(heads: list[Token]) -> list[ActorRef]:
            return [a for a in self._actors(heads, mentions, when, speaker)
                    if not any(_same_actor(a, s, lambda a=a: _is_agent(token.doc, a, mentions))
                               for s in source)]

        def agents(heads: list[Token]) -> list[Token]:
            return [h for h in heads if mentions.is_agent(h)]

        # The recipient, from the first place that names one: the trigger's own objects, the noun folded
        # into it ("in protest against X"), the act a frame embeds ("threatened to break relations with
        # Russia"), the subject of a demanded clause ("demanded that Hamas renounce"), the one an act is
        # imposed on or allowed to ("forced the paper to close", "allowed X to hold a rally"), for acts
        # done somewhere the country or city where ("imposed a curfew in Algiers"), and what the event
        # did or was done for ("an offensive that encircled the city", "marched to demand X from Y").
        target = recipients(target_heads)
        coordinated = comma_joined or (len(source_heads) == 1 and (
            len(syntax.expand_conjuncts(source_heads[0])) > 1 or len(mentions.parties(source_heads[0])) > 1))
        if not target and coordinated and len(source) > 1 and _mutual(candidate):
            # "Armenia and Azerbaijan held talks", "Kazakhstan and China signed 17 agreements": an act
            # two parties do with each other, named together as its subject, is read as "talks between
            # X and Y" is: the first the source, the others the target
            return source[:1], source[1:]
        fallbacks = []
        if candidate.instrument is not None:
            fallbacks.append(lambda: syntax.noun_roles(candidate.instrument[0],
                                                       candidate.instrument[1].of_is_target)[1])
        if candidate.action is not None:
            action_token, action_trigger = candidate.action
            if action_token.pos_ in {"VERB", "AUX"}:
                fallbacks.append(lambda: self._targets(action_token, action_trigger, mentions))
            else:
                fallbacks.append(lambda: syntax.noun_roles(action_token, action_trigger.of_is_target)[1])
        if candidate.trigger.frame:
            fallbacks.append(lambda: syntax.clause_subjects_below(token))
            if candidate.action is None:
                # "threatened to sell no more grain to X": no trigger codes the act, yet whom it would be
                # done to is still whom the threat is aimed at.
                fallbacks.append(lambda: [t for verb in syntax.complements(token)
                                          for t in self._recipients_of_any_verb(verb, mentions)])
            fallbacks.append(lambda: syntax.condition_subjects(token))
        elif token.pos_ in {"VERB", "AUX"}:
            # "allowed X to hold a rally", but not "allowed the vote to go ahead": only an agent is let
            fallbacks.append(lambda: agents(syntax.infinitive_subjects(token)))
        if imposed:
            # "forced the newspaper to shut its website": the act is forced on the newspaper
            fallbacks.append(lambda: agents(syntax.controlled_objects(controller)))
        if candidate.trigger.type not in _PLACE_IS_NO_RECIPIENT:
            fallbacks.append(lambda: syntax.places_of_act(role_token))
        if candidate.action is not None and candidate.action[1].type not in _PLACE_IS_NO_RECIPIENT:
            # "vowed to declare a state of emergency in Lagos": the threatened act is done to the place,
            # which a threat as such (a statement, made somewhere) is not.
            fallbacks.append(lambda: syntax.places_of_act(candidate.action[0]))
        if token.pos_ == "NOUN":
            fallbacks.append(lambda: syntax.relative_clause_objects(token))
        # "dropped its investigation into an allegation against X": an act done to an act is done to
        # whom that act is aimed at
        acts_acted_on = (syntax.objects(token, syntax.TARGET_PREPOSITIONS) if token.pos_ in {"VERB", "AUX"}
                         else target_heads)
        fallbacks.append(lambda: self._recipients_of_acts(acts_acted_on))
        if candidate.trigger.type == "ACCUSE":
            # "prosecutors alleged that Epstein abused ...", "a CBC investigation revealed Pallister had
            # spent ...": an accusation is aimed at whom the clause it states is about
            fallbacks.append(lambda: _stated_clause_subjects(token))
        if candidate.trigger.type in _SPEECH_ACT_TYPES and token.dep_ == "advcl" and token.tag_ == "VBG":
            # "Sasse told Hawk Sawyer, repeatedly calling for an explanation": a demand made while
            # addressing someone is made of the one addressed
            fallbacks.append(lambda: agents(syntax.controlled_objects(token.head)))
        if token.pos_ == "NOUN" and candidate.trigger.type == "REQUEST":
            # "if Trump agrees to Beijing's demands", "Kenya rejected the calls": who answers a demand is
            # whom it was made of
            fallbacks.append(lambda: syntax.answering_subjects(token))
        # "marched to demand an apology from X", "blocked the port to voice their anger at X": an act
        # done for a purpose is aimed at whom the purpose is.
        carrier = token if token.pos_ in {"VERB", "AUX"} else syntax.light_verb_of(token)
        if carrier is not None:
            fallbacks.append(lambda: [t for verb in syntax.purpose_clauses(carrier)
                                      for t in self._purpose_targets(verb, mentions)])
            fallbacks.append(lambda: syntax.purpose_phrase_targets(carrier))
        if token.pos_ in {"VERB", "AUX"} and not patients_read:
            # the last resort: a recipient phrase the parser hung on a word of the object, in the trigger's
            # own clause ("fired water cannon laced with irritants at protesters"); only one that names
            # someone
            fallbacks.append(lambda: agents(syntax.nested_recipients(
                token, candidate.trigger.target_prep or syntax.TARGET_PREPOSITIONS)))
        for fallback in fallbacks:
            if target:
                break
            target = recipients(fallback())
        # "Each defendant is charged with ...": the one a charge, an arrest or a sentence is passed on is a
        # party even when the knowledge base does not know the word (not a release: "Prisoners held since
        # the coup could be released" is misparsed often enough to name the coup)
        charged = patients_read and candidate.trigger.type in _ACTS_OF_STATE
        if not target and (candidate.trigger.type in _ACTS_ON_THINGS or charged) and token.pos_ == "VERB":
            # "struck an oil refinery", "stormed a concert hall", "a convoy was attacked": when no one is
            # named, the thing the act is done to is its target (as a place that is a party is)
            target = [thing for head in self._things_acted_on(token, candidate.trigger, patients_read)
                      if (thing := mentions.thing(head, when)) is not None
                      and not any(thing.start < s.end and s.start < thing.end for s in source)][:1]
        if not source and candidate.trigger.type in _SPEECH_ACT_TYPES and token.pos_ == "VERB":
            # "Israel was accused of war crimes, according to the ministry": a statement with no agent
            # of its own is made by whom the sentence attributes it to. (The speaker of a verb of saying
            # is not taken: on the dev articles it made records of nouns that report no act.)
            said_by = next(iter(self._actors(_according_to(token), mentions, when, None)), None)
            if said_by is not None and not any(_same_actor(said_by, a, lambda: True) for a in target):
                source = [said_by]
        return source, target

    def _targets(self, verb: Token, trigger: Trigger, mentions: ArticleMentions | None = None) -> list[Token]:
        prepositions = trigger.target_prep or syntax.TARGET_PREPOSITIONS
        found = syntax.objects(verb, prepositions, with_direct=trigger.object_is_target)
        means: list[Token] = []
        if trigger.with_object:  # "imposed sanctions on Iran": the object is the means, not the target
            means = [t for t in found if t.lemma_.lower() in trigger.with_object]
            found = [t for t in found if t.lemma_.lower() not in trigger.with_object]
        # "rejected a U.S. request", "condemned the Israeli strike": an event named as object points at
        # its owner, not at itself.
        targets: list[Token] = []
        for token in found:
            is_event = _is_trigger_noun(token, self.triggers)
            # "fired on a security patrol": a word that also names an act may still be the party itself
            targets.extend((syntax.actor_modifiers(token) or [token]) if is_event else [token])
        # "accepted demands from the rebels", "accepted Russia's offer": when the object that makes the
        # trigger is itself an act, whoever made it is the one answered (after any named recipient).
        targets.extend(owner for token in means if _is_trigger_noun(token, self.triggers)
                       for owner in syntax.actor_modifiers(token) if owner not in targets)
        if not targets and mentions is not None and not _expressed(trigger):
            # "froze the assets of five organisations", "revoked the channel's licence": the means an act is
            # done with, when it names no one, belongs to whom the act is done to (not when a "from" names
            # whom a request is made of: "seeks Assange's extradition from the UK"; not a feeling expressed,
            # which is its owner's: "to show Parisians' solidarity")
            asked_of = trigger.type == "REQUEST"
            targets.extend(owner for token in means if not _is_trigger_noun(token, self.triggers)
                           and not mentions.is_agent(token) and not (asked_of and _from_phrase(verb, token))
                           for owner in _owners(token) if mentions.is_agent(owner))
        if trigger.type in _GIVING_ACTS and mentions is not None:
            # "sent 400 doctors to Mexico", "extradited a Moroccan national to France": what a giving act
            # moves is its direct object, whom it goes to the object of "to": that one is the recipient
            direct = {c.i for c in verb.children if c.dep_ in syntax.OBJECT_DEPS}
            destinations = [t for t in found if t.i not in direct and t.dep_ == "pobj"
                            and t.head.lower_ in _DESTINATION_PREPOSITIONS and mentions.is_agent(t)]
            if destinations:
                targets = [t for t in targets if t.i not in direct]
        if trigger.object_is_target and mentions is not None:
            # "expelled two French diplomats", "recalled its ambassador": an object that makes the trigger
            # and names someone is the one the act is done to (a thing, "imposed sanctions", is the means)
            targets.extend(token for token in means if token not in targets
                           and not _is_trigger_noun(token, self.triggers) and mentions.is_agent(token))
        return targets

    def _things_acted_on(self, verb: Token, trigger: Trigger, patients_read: bool) -> list[Token]:
        """The nouns an act is done to, when they name no one: its passive patients, or its direct
        object when the trigger's object is its target; not the means ("imposed sanctions"), nor an
        act (its owner is the target: `_targets`), nor a pronoun, a date or an amount."""
        if trigger.line == 0 or trigger.with_prep:
            # a word only the learned head reads as an act, or one whose recipient follows a preposition
            # ("fired at"): its object may be what it is done with ("fired tear gas")
            return []
        if patients_read:
            heads = syntax.passive_patients(verb) or _inherited_patients(verb)
        elif trigger.object_is_target:
            heads = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        else:
            heads = []
        return [syntax.quantity_head(h) for h in heads if h.pos_ in {"NOUN", "PROPN"}
                and h.ent_type_ not in syntax.NOT_ACTOR_ENTITIES
                and h.lemma_.lower() not in trigger.with_object and not _is_trigger_noun(h, self.triggers)]

    def _recipients_of_acts(self, nouns: list[Token], depth: int = 2) -> list[Token]:
        """Whom the acts some nouns name are aimed at ("an allegation against X", "an investigation into
        a rape allegation made against X"), through acts that are aimed at acts."""
        found: list[Token] = []
        for noun in nouns:
            if not _is_trigger_noun(noun, self.triggers):
                continue
            trigger = self.triggers.match(noun)
            recipients = syntax.noun_roles(noun, trigger.of_is_target)[1] + [
                target for clause in noun.children if clause.dep_ == "acl"  # "an allegation made against X"
                for target in syntax.objects(clause, with_direct=False)]
            for recipient in recipients:
                if not _is_trigger_noun(recipient, self.triggers):
                    found.append(recipient)
                elif depth > 1:
                    found.extend(self._recipients_of_acts([recipient], depth - 1))
        return found

    def _is_act(self, noun: Token) -> bool:
        return _is_trigger_noun(noun, self.triggers)

    def _same_kind(self, noun: Token, candidate: Candidate) -> bool:
        """Does a noun name an act of the candidate's own category ("arrested during raids", "killed in
        an air strike"), so that whoever did the one did the other?"""
        trigger = self.triggers.match(noun)
        if trigger is None or trigger.type is None:
            return False
        kinds = {trigger.type, candidate.trigger.type}
        return len(kinds) == 1 or kinds <= _ACTS_OF_FORCE

    def _purpose_targets(self, verb: Token, mentions: ArticleMentions) -> list[Token]:
        trigger = self.triggers.match(verb)
        if trigger is not None and trigger.type is not None:
            return self._targets(verb, trigger, mentions)
        return self._recipients_of_any_verb(verb, mentions)

    @staticmethod
    def _recipients_of_any_verb(verb: Token, mentions: ArticleMentions) -> list[Token]:
        """Recipients of a verb no trigger describes: its prepositional recipients ("sell grain to X",
        "show their anger at X"), and its object only when that names someone ("to help Ukraine"); a
        thing it acts on ("their anger") is no party."""
        direct = [c for c in verb.children if c.dep_ in syntax.OBJECT_DEPS and c.pos_ != "ADP"]
        return [d for d in direct if mentions.is_agent(d)] + syntax.objects(verb, with_direct=False)

    def _actors(self, heads: list[Token], mentions: ArticleMentions, when: dt.date | None,
                speaker: ActorRef | None, *, conjuncts: bool = True) -> list[ActorRef]:
        actors: list[ActorRef] = []
        seen: set[str] = set()
        for head in heads:
            for part in (named for conjunct in (syntax.expand_conjuncts(head) if conjuncts else [head])
                         for named in syntax.named_in_apposition(conjunct)):
                # "the two leaders": the two parties named just before, else the phrase itself
                for ref in mentions.parties(part) or [mentions.actor(part, when, speaker)]:
                    if ref is not None and ref.key not in seen:
                        seen.add(ref.key)
                        actors.append(ref)
        return actors

    def speaker(self, verb: Token | None, mentions: ArticleMentions, when: dt.date | None
                 ) -> ActorRef | None:
        """Who said it: the subject of the verb of saying the event is reported under."""
        if verb is None:
            return None
        heads = [c for c in verb.children if c.dep_ in syntax.SUBJECT_DEPS]
        for head in heads:
            ref = mentions.actor(head, when)
            if ref is not None:
                return ref
        return None


@Language.factory("eventwire_roles")
def make_role_reader(nlp: Language, name: str) -> RoleReader:
    return RoleReader()


def _agents_of_complement(noun: Token) -> list[Token]:
    """"the arrest of the opposition leader by Kenyan police": the parser hangs the by-phrase on the
    noun's of-complement; its object is who did the act the noun names."""
    return [agent for complement in syntax.prepositional_objects(noun, "of")
            for agent in syntax.prepositional_objects(complement, "by")]


def _owners(noun: Token) -> list[Token]:
    """Whose a thing is: its possessive ("the channel's licence") or its of-complement ("the assets of
    five organisations")."""
    return [c for c in noun.children if c.dep_ == "poss"] + syntax.prepositional_objects(noun, "of")


def _expressed(trigger: Trigger) -> bool:
    """"expressed its support", "showed solidarity": a statement of feeling (CAMEO 05x, and SUPPORT), whose
    object is the speaker's own."""
    return trigger.type == "SUPPORT" or (trigger.cameo or "").startswith("05")


def _from_phrase(verb: Token, means: Token) -> bool:
    """"seeks Assange's extradition from the UK": a from-phrase on the verb or its object."""
    return any(prep.dep_ == "prep" and prep.lower_ == "from" for holder in (verb, means)
               for prep in holder.children)


def _read_as(candidate: Candidate, types: Collection[str]) -> bool:
    """Is the candidate an act of one of these types, by the trigger table's category or by the learned
    head's reading of the word?"""
    decision = candidate.decision
    return candidate.trigger.type in types or (decision is not None and decision.type in types)


def _act_of_state(candidate: Candidate) -> bool:
    """An arrest, a charge, a sentence or a release of persons: acts only a state's authorities do."""
    return candidate.trigger.type in _ACTS_OF_STATE or candidate.trigger.cameo == _RELEASE_OF_PERSONS


def _state_that_acted(token: Token, mentions: ArticleMentions, patients: list[Token]) -> list[Token]:
    """"was detained in Turkey": the one that did an act of state nobody is named to have done is the
    state where it was done, else the police, prosecutors or court the article has just named ("Police
    raided ... The man is charged with ...")."""
    return _places_of_act(token, mentions) or [
        authority for authority in (mentions.authority_before(token, exclude=patients)
                                    or mentions.authority_after_lead(token, exclude=patients),)
        if authority is not None]


def _held(verb: Token) -> bool:
    """"will remain in jail", "stay in custody": a verb of staying whose place is one of custody."""
    return verb.lemma_.lower() in _STAYING_VERBS and any(
        prep.dep_ == "prep" and prep.lower_ in {"in", "under"} and any(
            g.dep_ == "pobj" and g.lemma_.lower() in _CUSTODY_NOUNS for g in prep.children)
        for prep in verb.children)


def _rulers(verb: Token) -> list[Token]:
    """The subject of the verb of ruling or saying whose content the clause is ("a judge ruled that ...",
    "..., a court ruled on Friday")."""
    for holder in (*syntax.governors(verb, limit=4), syntax.sentence_of(verb).root):
        if holder.i != verb.i and holder.pos_ == "VERB" and holder.lemma_.lower() in _RULING_VERBS:
            return [c for c in holder.children if c.dep_ == "nsubj"]
    return []


def _faced_act(verb: Token, trigger: Trigger) -> bool:
    """"faces charges", "faced an indictment": a receiving verb whose object is the act the trigger names
    (its `with_object`), so its subject is the one the act is done to. Not a visit received ("received a
    delegation from Sudan"): its host is written as the source, as with every hosting verb."""
    return syntax.is_receiving_verb(verb) and bool(trigger.with_object) and any(
        child.dep_ in syntax.OBJECT_DEPS and child.lemma_.lower() in trigger.with_object
        for child in verb.children)


# Acts whose receiver is the one they are done to, when a receiving verb names no giver ("faced criticism",
# "drew condemnation", "faces investigations"; not "received aid": its giver is often unnamed but known).
_RECEIVED_ACTS = {"ACCUSE", "SANCTION", "COERCE", "ASSAULT", "THREATEN", "REJECT"}


def _received_act(candidate: Candidate) -> bool:
    return _read_as(candidate, _RECEIVED_ACTS)


def _mobilised(candidate: Candidate) -> bool:
    return _read_as(candidate, {"MOBILIZE"})


def _visit(candidate: Candidate) -> bool:
    """A meeting or a visit (CONSULT)."""
    return _read_as(candidate, {"CONSULT"})


def _hosting(verb: Token) -> bool:
    """A verb of hosting a visit ("was received", "were welcomed by")."""
    return verb.lemma_.lower() in syntax.HOSTING_VERBS


def _mutual(candidate: Candidate) -> bool:
    """Is the act one two parties do with each other? ("signed an agreement" is CAMEO 057, which the record
    codes as AGREE.)"""
    if candidate.trigger.cameo in _THIRD_PARTY_CAMEO:
        return False
    return candidate.trigger.cameo in _MUTUAL_CAMEO or _read_as(candidate, _MUTUAL_ACTS)


def _inherited_patients(verb: Token) -> list[Token]:
    """"Noel and Thomas pleaded not guilty and were released", "was evicted and sentenced": a passive verb
    with no subject of its own shares that of the verb it is coordinated with, and what it shares is what
    the act was done to."""
    own = {c.dep_ for c in verb.children}
    if verb.dep_ != "conj" or own & _ALL_SUBJECT_DEPS:
        return []
    if "auxpass" in own:
        return syntax.subjects(verb.head) or syntax.passive_patients(verb.head)
    # "was evicted in April and sentenced to 50 weeks": a bare participle shares the passive it is joined to
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.head.children):
        return syntax.passive_patients(verb.head)
    return []


def _stated_clause_subjects(token: Token) -> list[Token]:
    """The subject of the clause a statement states: of the verb itself ("alleged that X ...") or, for
    a noun, of the verb it is the subject of ("an investigation revealed X had ...")."""
    holder = token
    if token.pos_ not in {"VERB", "AUX"}:
        if token.dep_ not in syntax.SUBJECT_DEPS or token.head.pos_ not in {"VERB", "AUX"}:
            return []
        holder = token.head
    return [subject for clause in holder.children if clause.dep_ == "ccomp"
            for subject in clause.children if subject.dep_ in _ALL_SUBJECT_DEPS]


def _places_of_act(token: Token, mentions: ArticleMentions) -> list[Token]:
    """Where an act was done, named by the parse ("detained in Turkey") or by the geoparser, which knows
    a town the entity tagger took for a person ("detained in the coastal town of Izmir")."""
    named = syntax.places_of_act(token)
    if named:
        return named
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "at", "inside"}:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            # "the town of Izmir": the kind of place, then its name
            names = [noun, *syntax.prepositional_objects(noun, "of")]
            found = [name for name in names if name.idx in mentions.places]
            if found:
                return found[:1]
    return []


def _according_to(token: Token) -> list[Token]:
    """"according to the Egyptian foreign ministry": who the sentence attributes what it says to."""
    sentence = syntax.sentence_of(token)
    return [g for t in sentence if t.lower_ == "according" and t.i + 1 < sentence.end
            for to in (t.doc[t.i + 1],) if to.lower_ == "to"
            for g in to.children if g.dep_ == "pobj"]



def _same_actor(recipient: ActorRef, source: ActorRef, agent_named: Callable[[], bool]) -> bool:
    """Is a would-be recipient the source itself? A sector agent of a country ("Sudanese rebels",
    "Kenyan students") shares the country's knowledge-base id, yet it is a part of the country acting on
    another part or on the whole: rebels blocking roads into the capital, students demanding reforms from
    their government, a bomb killing civilians. Agents are the same actor only in the same sector, and a
    recipient counts as another part only when a noun of its own names someone ("the homes of the
    governors", "Khartoum"), not when a modifier lent a thing a sector and the article its country
    ("a military aid program")."""
    if recipient.key != source.key:
        return False
    if recipient.kind == source.kind == "agent" and None not in {recipient.sector, source.sector} \
            and recipient.sector != source.sector:
        # "gunmen assassinated a provincial council member": two agents of different sectors are two
        # parties, whatever word names them
        return False
    if "agent" in {recipient.kind, source.kind} and agent_named():
        return recipient.kind == source.kind and recipient.sector == source.sector
    return True


def _is_agent(doc: Doc, actor: ActorRef, mentions: ArticleMentions) -> bool:
    """Does the phrase name someone by a noun of its own ("the homes of the governors" does)?"""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(mentions.is_agent(t) for t in span if t.pos_ in {"NOUN", "PROPN"})



def _is_trigger_noun(token: Token, triggers: TriggerTable) -> bool:
    return token.pos_ == "NOUN" and triggers.match(token) is not None and token.ent_type_ == ""

