"""Negation, modality and embedding of an event trigger, from the parse.

PLOVER records whether an event happened (``asserted``), is announced for
later (``future``), is only wished for, feared or conditional
(``hypothetical``), or is denied (``negated``). In English that is carried by
what governs the trigger, not by the trigger itself:

- auxiliaries: "will meet" (future), "would meet", "could", "may" (hypothetical);
- negation: "did not agree", "no talks", "never visited"; but "met not just
  Mr Abe, but also Mr Macron" is no negation;
- a governing verb: "plans to visit", "is scheduled to attend" (future),
  "wants to", "hopes for", "seeks to" (hypothetical), "refused to",
  "failed to" (negated);
- a condition: "if it is attacked" (hypothetical);
- a governing *event*: in "urged Iran to release the sailors" the release is
  requested, not done; in "agreed to lift sanctions" it is promised.

The word lists are hand-written from English grammar, not learned.
"""

from __future__ import annotations

import functools

ASSERTED, FUTURE, HYPOTHETICAL, NEGATED = "asserted", "future", "hypothetical", "negated"

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must", "ca", "'d"})
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nor"})
# "not just X but also Y", "not only": coordination, not negation.
_NOT_JUST = frozenset({"just", "only", "merely", "simply"})

#: Verbs (and adjectives) that govern a complement and set its modality.
GOVERNOR_MODALITY: dict[str, str] = {
    # announced for later
    "plan": FUTURE, "intend": FUTURE, "expect": FUTURE, "schedule": FUTURE, "set": FUTURE,
    "due": FUTURE, "prepare": FUTURE, "go": FUTURE, "about": FUTURE,
    "scheduled": FUTURE, "expected": FUTURE, "poised": FUTURE, "slated": FUTURE, "resolve": FUTURE,
    "determined": FUTURE,
    # what others brace for is expected of someone else, no intention of theirs (see SCHEDULE_GOVERNORS)
    "brace": FUTURE, "ready": FUTURE, "gear": FUTURE,
    # wished for, considered
    "want": HYPOTHETICAL, "hope": HYPOTHETICAL, "seek": HYPOTHETICAL, "eye": HYPOTHETICAL, "covet": HYPOTHETICAL,
    "aim": HYPOTHETICAL, "consider": HYPOTHETICAL, "wish": HYPOTHETICAL, "need": HYPOTHETICAL,
    "able": HYPOTHETICAL, "likely": HYPOTHETICAL, "unlikely": HYPOTHETICAL,
    "possible": HYPOTHETICAL, "mull": HYPOTHETICAL, "weigh": HYPOTHETICAL, "discuss": HYPOTHETICAL,
    "struggle": HYPOTHETICAL, "eager": HYPOTHETICAL, "keen": HYPOTHETICAL, "fear": HYPOTHETICAL, "worry": HYPOTHETICAL,
    "apprehend": HYPOTHETICAL,
    "depend": HYPOTHETICAL, "hinge": HYPOTHETICAL,
    "risk": HYPOTHETICAL, "threat": HYPOTHETICAL, "bid": HYPOTHETICAL, "effort": HYPOTHETICAL,
    "chance": HYPOTHETICAL, "prospect": HYPOTHETICAL, "possibility": HYPOTHETICAL, "plan_n": FUTURE,
    # what is made easy or hard is not yet done: "a law to make it *easier* to prosecute them";
    # nor is what is judged likely or doubtful: "it is *unclear* whether ..."
    "easy": HYPOTHETICAL, "hard": HYPOTHETICAL, "tough": HYPOTHETICAL, "difficult": HYPOTHETICAL,
    "impossible": HYPOTHETICAL, "probable": HYPOTHETICAL, "conceivable": HYPOTHETICAL,
    "doubtful": HYPOTHETICAL, "uncertain": HYPOTHETICAL, "unclear": HYPOTHETICAL,
    # proposed, not done: "advocated air strikes against Iran"
    # a purpose, not an act: "a plan *designed* to prevent an attack on Idlib"
    "design": HYPOTHETICAL,
    "advocate": HYPOTHETICAL, "propose": HYPOTHETICAL, "recommend": HYPOTHETICAL, "favour": HYPOTHETICAL,
    "favor": HYPOTHETICAL, "contemplate": HYPOTHETICAL, "envisage": HYPOTHETICAL,
    # did not happen
    "fail": NEGATED, "refuse": NEGATED, "decline": NEGATED, "avoid": NEGATED, "stop": NEGATED,
    "cease": NEGATED, "deny": NEGATED, "reluctant": NEGATED, "unwilling": NEGATED, "halt": NEGATED,
    # held back: "restrained Trump from threatening Nato"; what is deterred is at most
    # in prospect ("to deter Turkey's offensive" does not say there was none)
    "restrain": NEGATED, "dissuade": NEGATED, "deter": HYPOTHETICAL,
}

#: Nouns whose "that" clause is only feared, suspected or hoped: "concerns *that*
#: the Kurds will release Isis fighters", "the risk *that* Turkey will invade".
FEARED_CLAUSE_NOUNS = frozenset({
    "concern", "worry", "fear", "danger", "risk", "threat", "speculation", "suspicion", "rumour", "rumor",
    "likelihood", "possibility", "prospect", "chance", "hope", "expectation",
})

#: Governors that set the modality of a clause they govern, not of an event noun they
#: take: "went on a looting spree" is no "going to", and "the attack *was designed*
#: to ..." tells an attack's purpose, not its prospect.
CLAUSE_ONLY_GOVERNORS = frozenset({"go", "design"})

#: Governors that put in the future only their "to" complement: "is *going to* attack",
#: not "while *going* from Moghulpura towards Talabkatta, the mob attacked"; "is *due to*
#: visit", not "the delay was *due to* Ukraine's attacks" (a cause, told as done).
TO_ONLY_GOVERNORS = frozenset({"go", "due"})

#: Nouns whose "is to" names an aim, not an act: "America's *goals* are to prevent
#: Isis cells re-emerging", "the *aim* is to drive the YPG from the border", "the
#: regime's *strategy* is to expel them town by town".
GOAL_NOUNS = frozenset({
    "goal", "aim", "objective", "purpose", "intention", "mission", "priority", "ambition", "task", "target",
    "plan", "strategy", "idea", "hope", "intent", "wish", "desire", "dream",
})

#: Governors that set a modality as verbs only ("*eyeing* a trade deal"; not "in the *eye*
#: of a storm over the demand").
VERB_ONLY_GOVERNORS = frozenset({"eye", "covet"})

#: Governors of a fixed schedule ("is scheduled to attend", "is due to visit"): the act
#: itself, still to come, not an intention someone declares (see ``candidates._situate``).
SCHEDULE_GOVERNORS = frozenset({"schedule", "scheduled", "slated", "due", "set", "brace"})

#: Governors that make their complement the subject's own intention ("wants to
#: attack", "plans to visit"): a wished act of one's own is announced.
DESIRE_VERBS = frozenset({"want", "wish", "seek", "aim", "intend", "plan", "hope", "prepare", "vow"})
# "try" and "attempt" are in neither list: an attempt is an act that took place
# ("attempted to assassinate the prime minister" is an ASSAULT, CAMEO 186, not a
# threat; "tried to hack the army's computers" is the hacking).

#: A complement of an event trigger of these types is not (yet) an event.
EMBEDDED_MODALITY: dict[str, str] = {
    "AGREE": FUTURE,
    "REQUEST": HYPOTHETICAL,
    "THREATEN": HYPOTHETICAL,
    "ACCUSE": HYPOTHETICAL,
    "REJECT": NEGATED,
    "CONSULT": HYPOTHETICAL,
    "COERCE": HYPOTHETICAL,
}

#: Verbs of saying: their complement is a reported event, still asserted.
REPORTING_VERBS = frozenset({
    "say", "tell", "report", "state", "claim", "add", "note", "confirm", "declare", "reveal",
    "write", "explain", "acknowledge", "admit", "insist", "argue", "stress", "announce", "quote",
    "assert", "indicate", "show", "suggest", "believe", "think", "know", "learn", "disclose",
    "tweet", "post", "brief", "inform", "recall", "reiterate", "emphasise", "emphasize", "mention",
})


#: Subjects that negate their verb: "*nobody* was hurt" (and "*no* students were arrested").
_NO_ONE = frozenset({"nobody", "none", "noone", "nothing"})


def is_negated(token) -> bool:
    """Whether ``token`` (a verb, noun or adjective trigger) carries a negation.

    Example: ``is_negated(nlp("Japan did not agree.")[3])`` -> True
    """
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and child.lower_ in _NEGATIONS):
            if _not_just(child):
                continue
            return True
        if child.dep_ == "advmod" and child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True  # "will *no longer* supply arms": stops
        if child.dep_ == "prep" and any(
                g.dep_ == "pobj" and g.lower_ in _NO_WAY and any(d.dep_ == "det" and d.lower_ == "no" for d in g.children)
                for g in child.children):
            return True  # "will *in no way* allow", "*under no circumstances*", "*at no time*", "*by no means*"
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in _NO_ONE or any(
                (g.dep_ == "det" and g.lower_ == "no") or (g.dep_ in ("det", "preconj") and g.lower_ == "neither")
                for g in child.children
            )
        ):
            return True  # "*No* students were arrested", "*nobody* was hurt", "*neither* Britain nor France"
        if child.dep_ == "dobj" and token.pos_ in ("VERB", "AUX") and any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children) and not _no_choice_but(child):
            return True  # "has given them *no* promises of support"
    if token.dep_ == "xcomp" and token.head.lemma_ in _FAILING and not is_negated(token.head):
        return True  # "police *failed to* arrest the accused"; "did not fail to" did it
    if token.dep_ == "xcomp" and token.head.lemma_ in ("have", "be") and any(
            c.dep_ == "advmod" and c.lower_ == "yet" for c in token.head.children):
        return True  # "Iran *has yet to* release the sailors", "*is yet to* respond": not done so far
    # "*without* meddlesome threats from Washington", "left *without* informing Ankara"
    return token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "without"


def _no_choice_but(noun) -> bool:
    """ "had *no choice but* to respond": what follows was done, of necessity."""
    return noun.lower_ in ("choice", "option", "alternative") and any(
        c.lower_ == "but" for c in noun.children)


#: Nouns of "in no way", "under no circumstances", "at no time", "by no means", "in no case",
#: "on no account": a negation of the verb they hang on.
_NO_WAY = frozenset({"way", "circumstance", "circumstances", "time", "means", "case", "account"})

#: Verbs whose complement did not happen: "failed to arrest", "neglected to inform".
_FAILING = frozenset({"fail", "neglect", "omit"})


#: "instead of X", "rather than X": X is what was not done.
_INSTEAD = {"of": "instead", "than": "rather"}


def is_forgone(token) -> bool:
    """Whether ``token`` is what was not done *instead of* something else: "*instead
    of* retreating, HTS grew bolder", "chose talks *rather than* an assault".

    Example: ``is_forgone(nlp("Instead of retreating, HTS attacked.")[2])`` -> True
    """
    if token.dep_ not in ("pcomp", "pobj", "conj"):
        return False
    doc, start = token.doc, token.left_edge.i
    return start >= 2 and _INSTEAD.get(doc[start - 1].lower_) == doc[start - 2].lower_


def _not_just(neg) -> bool:
    """"not just A, but also B": the "not" only frames a coordination."""
    doc = neg.doc
    if neg.i + 1 < len(doc) and doc[neg.i + 1].lower_ in _NOT_JUST:
        return any(tok.lower_ == "but" for tok in doc[neg.i + 2 :])
    return False


def aux_modality(token) -> str:
    """Modality from the trigger's own auxiliaries ("will", "would", "is to")."""
    found = ASSERTED
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    # The parser may hang a modal on the auxiliary after it: "should -> be leading".
    auxes += [g for c in auxes for g in c.children if g.dep_ in ("aux", "auxpass")]
    for child in auxes:
        word = child.lower_
        if word in _FUTURE_AUX:
            found = FUTURE
        elif word in _HYPOTHETICAL_AUX:
            return HYPOTHETICAL
        elif child.lemma_ == "be" and child.i + 1 < len(token.doc) and token.doc[child.i + 1].lower_ == "to":
            found = FUTURE  # "is to visit"
    if found == FUTURE and token.tag_ == "VBN" and has_aux(token, frozenset({"have"})) and any(
        c.dep_ == "advmod" and c.lower_ == "already" for c in token.children
    ):
        return ASSERTED  # "will already have shared": what has presumably been done, not what will be
    shares_aux = token.dep_ == "conj" and token.tag_ in ("VB", "VBN", "VBG") and token.head.pos_ in ("VERB", "AUX")
    if found == ASSERTED and shares_aux and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in token.children
    ):
        return aux_modality(token.head)  # "Isis *could* resurge and *regain* territory": a shared auxiliary
    return found


def has_aux(token, words: frozenset[str]) -> bool:
    """Whether the token has one of ``words`` as an auxiliary."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in token.children)


def condition_clause(token) -> tuple[str, object] | None:
    """The subordinator and the verb of a condition clause hanging on ``token`` ("unless Iraq accepts"), if any."""
    for child in token.children:
        if child.dep_ == "advcl":
            for grand in child.children:
                if grand.dep_ == "mark" and grand.lower_ in ("if", "unless"):
                    return grand.lower_, child
    return None


def condition(token) -> str | None:
    """The subordinator of a condition clause hanging on ``token`` ("unless", "if"), if any."""
    found = condition_clause(token)
    return found[0] if found else None


def is_conditional(token) -> bool:
    """Whether the trigger sits in an "if"/"unless"/"in case" clause."""
    for child in token.children:
        if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
            return True
        if child.dep_ == "prep" and _in_case(child) and child.i < token.i:
            return True  # "*in case* Isis raided the house", parsed as a phrase of the verb
    # ... or of the verb above ("stayed *in case* the rebels attacked"); not "in this case".
    start = token.left_edge.i
    doc = token.doc
    return token.pos_ in ("VERB", "AUX") and start >= 2 and _in_case(doc[start - 2])


def _in_case(prep) -> bool:
    """Whether ``prep`` is the "in" of a bare "in case" (not "in this case", "in the case of")."""
    if prep.lower_ != "in" or prep.i + 1 >= len(prep.doc):
        return False
    case = prep.doc[prep.i + 1]
    return case.lower_ == "case" and not any(c.dep_ in ("det", "poss", "amod") for c in case.children)


#: Modifiers that put an event noun in the future or make it only possible:
#: "the *expected* assault", "the *upcoming* talks", "*possible* strikes".
PROSPECTS = {
    **dict.fromkeys(("expected", "planned", "upcoming", "coming", "forthcoming", "imminent", "impending", "looming",
                     "anticipated", "scheduled", "future", "threatened", "promised", "pending", "projected"), FUTURE),
    **dict.fromkeys(("possible", "potential", "likely", "proposed", "prospective", "mooted", "hypothetical",
                     "feared", "rumoured", "rumored", "planning", "plotting"), HYPOTHETICAL),
}


#: Words that put what follows them just ahead, not done: "on the *verge of* capturing
#: Mosul", "*close to* a deal", "weeks *away from* taking the town" (by preposition).
_IMMINENT = {
    "of": frozenset({"verge", "brink", "cusp", "threshold"}),
    "to": frozenset({"close", "closer", "near", "nearer"}),
    "from": frozenset({"away"}),
}


def imminent(token) -> bool:
    """Whether an event (a gerund or a noun) is only near: "on the *verge of* capturing",
    "*close to* signing a deal", "weeks *away from* taking Raqqa".

    Example: ``imminent(nlp("Iraq is on the verge of capturing Mosul.")[6])`` -> True
    """
    if token.dep_ not in ("pcomp", "pobj"):
        return False
    prep = token.head
    words = _IMMINENT.get(prep.lower_)
    if words is None or prep.dep_ != "prep" or prep.head.lower_ not in words:
        return False
    # "weeks *away from*" a time, not "running *away from* the incursion" a place
    return prep.head.lower_ != "away" or any(c.dep_ == "npadvmod" for c in prep.head.children)


def prospect(noun) -> str | None:
    """The modality a modifier gives an event noun ("the *expected* assault" -> future, "*any*
    attack", "*more* bombing is not the answer", "could *lead to* fighting", "*if* a strike hits"
    -> hypothetical), or None;
    or what is said of it as the subject of "be": "a clash *was likely*", "clashes are *a distinct
    possibility*", "an attack *would be* reckless", "attacks on the UK are *imminent*"."""
    found = [PROSPECTS[c.lower_] for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.lower_ in PROSPECTS]
    if any(c.dep_ == "det" and c.lower_ == "any" for c in noun.children):
        found.append(HYPOTHETICAL)  # "*any* attack on this province will trigger another wave of migration"
    head = noun.head
    if noun.dep_ == "nsubj" and any(c.dep_ == "amod" and c.lower_ in ("more", "further") for c in noun.children) and (
        head.lemma_ == "be" or is_negated(head) or aux_modality(head) != ASSERTED
    ):
        found.append(HYPOTHETICAL)  # "*more bombing* is not the answer", "further bombing will not make it stable"
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.pos_ in ("VERB", "AUX") and is_conditional(head):
        found.append(HYPOTHETICAL)  # "*if* a US strike on Syria threatened its personnel"
    if noun.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and head.lemma_ != "be" and not is_definite(noun) \
            and (said := aux_modality(head)) != ASSERTED:
        # "*a* total US attack *would* cause unprecedented disaster"; but what a "would" says
        # under a verb of saying is announced ("Trump wrote that tariffs *would* rise").
        announced = head.dep_ == "ccomp" and head.head.lemma_ in REPORTING_VERBS \
            and has_aux(head, _WILL_OR_WOULD) and head.lemma_ in _HAPPENING_VERBS
        found.append(FUTURE if announced else said)
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head.dep_ == "ccomp" \
            and head.head.lemma_ in _WISHING and aux_modality(head) != ASSERTED:
        found.append(HYPOTHETICAL)  # "I *hope* the US attacks *would* target all the air bases"
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
            and head.head.lemma_ in FEARED_CLAUSE_NOUNS:
        found.append(HYPOTHETICAL)  # "exploited *fears of* an Iranian attack", "*the risk of* war"
    if noun.dep_ == "pobj" and head.lower_ in ("to", "in") and head.head.lemma_ in ("lead", "result") \
            and (said := aux_modality(head.head)) != ASSERTED:
        found.append(said)  # "the exit *could lead to* fresh fighting"
    predicates = [c for c in head.children if c.dep_ in ("attr", "acomp")] if (
        noun.dep_ == "nsubj" and head.lemma_ == "be") else []
    for pred in predicates:
        if pred.lower_ in ("due", "set") and any(c.dep_ == "xcomp" for c in pred.children):
            found.append(FUTURE)  # "talks are *due to* resume" (not "the clashes were due to a dispute")
        elif pred.lower_ in PROSPECTS:
            found.append(PROSPECTS[pred.lower_])
        elif pred.lemma_ in _PROSPECT_NOUNS:
            found.append(HYPOTHETICAL)
    # "Withdrawal *would be* a mistake", "any attack *would be* reckless"; not "*the* airstrikes
    # launched on Tuesday *could be* a sign": a definite event is one that happened.
    if predicates and not is_definite(noun) and (said := aux_modality(head)) != ASSERTED:
        found.append(said)
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in ROUND_NOUNS:
        if (of_round := prospect(head.head)) is not None:
            found.append(of_round)  # "a sixth round of talks *is due to* resume"
    return functools.reduce(combine, found) if found else None


#: Nouns of a part or run of events: "a round of talks", "a wave of attacks".
ROUND_NOUNS = frozenset({"round", "series", "wave", "spate", "string", "cycle", "session"})
#: Verbs that say an act happens or goes on ("tariffs *would rise*", "the assault *would finish*"),
#: not what it would cause ("an assault *would lead to* a disaster").
_HAPPENING_VERBS = frozenset({
    "rise", "increase", "double", "begin", "start", "continue", "resume", "go", "take", "come", "remain", "end",
    "finish", "last", "proceed", "happen", "occur", "intensify", "escalate",
})
_WILL_OR_WOULD = frozenset({"would", "'d", "will", "'ll"})
#: Verbs of wishing: what their clause says would or could happen is only wished for.
_WISHING = frozenset({"hope", "wish", "pray", "want", "prefer", "dream"})
#: Predicate nouns that make the subject only possible: "clashes are a real *possibility*".
_PROSPECT_NOUNS = frozenset({"possibility", "prospect", "risk", "danger", "option"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def is_definite(noun) -> bool:
    """Whether a noun phrase names one known thing: a definite article or demonstrative, or a possessor."""
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children)


def combine(first: str, second: str) -> str:
    """The stronger of two modalities: negated > hypothetical > future > asserted."""
    order = {ASSERTED: 0, FUTURE: 1, HYPOTHETICAL: 2, NEGATED: 3}
    return first if order[first] >= order[second] else second
