"""A small hand-written PLOVER trigger lexicon.

Each event type lists lemmas (single words, matched against spaCy lemmas) and
a few multi-word cues (matched against the lower-cased lemma sequence). It was
written from the PLOVER 2.0 type definitions, not learned: it gives the model
a prior that generalises to trigger words that are rare in the training data,
and it is the "keyword baseline" that evaluation reports beside the model.

Cues are deliberately ambiguous across types where English is (``release``
is RETREAT for prisoners but also appears in protests): the classifier
weighs them against the parse context; the lexicon only says "this word is
typical of that type".
"""

from __future__ import annotations

from collections.abc import Iterable

TRIGGERS: dict[str, tuple[str, ...]] = {
    "AGREE": (
        "agree", "agreement", "accord", "deal", "pact", "treaty", "sign",
        "ratify", "pledge", "promise", "commit", "commitment", "vow",
        "settle", "settlement", "endorse", "approve", "consensus", "reach",
        "forgive", "reconcile", "mediate", "willing",
    ),
    "CONSULT": (
        "meet", "meeting", "talk", "talks", "visit", "host", "discuss",
        "discussion", "consult", "consultation", "negotiate", "negotiation",
        "call", "phone", "summit", "confer", "speak", "receive", "welcome",
        "dialogue", "telephone", "hold",
    ),
    "SUPPORT": (
        "support", "praise", "back", "endorse", "welcome", "commend",
        "congratulate", "thank", "defend", "recognize", "recognise",
        "applaud", "hail", "laud", "appreciate", "sympathy", "condolence",
        "solidarity", "favor", "favour", "express",
    ),
    "CONCEDE": (
        "concede", "concession", "yield", "accept", "accede", "ease",
        "relax", "lift", "reverse", "grant", "permit", "permission",
        "allow", "abandon", "back", "drop", "give",
    ),
    "COOPERATE": (
        "cooperate", "cooperation", "collaborate", "collaboration",
        "partnership", "partner", "joint", "share", "exchange", "coordinate",
        "alliance", "ally", "extradite", "normalize", "normalise",
        "establish", "restore", "trade", "invest", "investment",
    ),
    "AID": (
        "aid", "assistance", "assist", "help", "donate", "donation",
        "donor", "provide", "supply", "send", "deliver", "fund", "funding",
        "loan", "grant", "relief", "humanitarian", "asylum", "shelter",
        "train", "equip", "vaccine", "contribute", "pay",
    ),
    "RETREAT": (
        "release", "free", "return", "withdraw", "withdrawal", "retreat",
        "ceasefire", "truce", "disarm", "demobilize", "surrender", "pardon",
        "evacuate", "repatriate", "resign", "pull", "leave", "hand",
        "cessation", "halt",
    ),
    "REQUEST": (
        "ask", "request", "urge", "call", "demand", "appeal", "seek",
        "press", "plead", "petition", "invite", "require", "insist",
        "encourage", "beg", "want",
    ),
    "ACCUSE": (
        "accuse", "accusation", "blame", "condemn", "criticize", "criticise",
        "criticism", "denounce", "allege", "charge", "sue", "lawsuit",
        "investigate", "investigation", "probe", "complain", "complaint",
        "slam", "decry", "deplore", "rebuke", "indict", "fault", "attack",
        "lash", "disapprove",
    ),
    "REJECT": (
        "reject", "refuse", "deny", "decline", "veto", "dismiss", "oppose",
        "rebuff", "resist", "defy", "cancel", "turn", "spurn", "snub",
        "boycott", "ignore", "refusal", "rejection",
    ),
    "THREATEN": (
        "threaten", "threat", "warn", "warning", "ultimatum", "vow",
        "menace", "intimidate", "retaliate", "retaliation", "consequence",
        "risk", "if",
    ),
    "PROTEST": (
        "protest", "protester", "protestor", "demonstrate", "demonstration",
        "demonstrator", "rally", "march", "strike", "boycott", "riot",
        "picket", "sit", "hunger", "walkout", "blockade", "occupy",
        "dharna", "gherao", "bandh", "hartal",  # South Asian English: sit-in, encirclement, shutdown, strike
    ),
    # Imposing sanctions, embargoes or restrictions is COERCE in PLOVER 2.0
    # (crosswalk code 163); SANCTION is reducing relations, aid or presence.
    "SANCTION": (
        "expel", "suspend", "sever", "cut", "freeze", "recall", "reduce",
        "halt", "convict", "sentence", "fine", "penalty", "downgrade",
        "withdraw", "terminate", "discontinue", "break",
    ),
    "MOBILIZE": (
        "mobilize", "mobilise", "deploy", "deployment", "alert",
        "reinforce", "mass", "troop", "buildup", "exercise", "drill",
        "patrol", "station", "militia", "recruit", "arm",
    ),
    "COERCE": (
        "arrest", "detain", "detention", "seize", "raid", "confiscate",
        "deport", "expel", "censor", "jail", "imprison", "prosecute",
        "crackdown", "crack", "curfew", "siege", "block", "shut", "close",
        "order", "force", "hack", "cyber", "repress", "kidnap", "custody",
        "evict", "dissolve", "ban", "sanction", "embargo", "impose",
        "tariff", "restrict", "restriction", "blacklist", "blockade",
    ),
    "ASSAULT": (
        "attack", "kill", "bomb", "bombing", "shell", "shelling", "fire",
        "shoot", "strike", "airstrike", "clash", "fight", "invade", "raid",
        "wound", "injure", "assassinate", "execute", "massacre", "torture",
        "explode", "explosion", "destroy", "behead", "abduct", "ambush",
        "assault", "missile", "rocket", "target", "hit", "beat", "war",
    ),
}

#: Multi-word cues, as lemma sequences joined by spaces.
PHRASES: dict[str, tuple[str, ...]] = {
    "AGREE": ("agree to", "reach an agreement", "sign a deal"),
    "CONSULT": ("hold talk", "meet with", "talk with", "phone call"),
    "SUPPORT": ("express support", "voice support", "come out in favor"),
    "CONCEDE": ("back down", "give in", "accept the demand", "ease restriction"),
    "RETREAT": ("let free", "set free", "pull out", "lift sanction", "lift the blockade"),
    "REQUEST": ("call on", "call for", "ask for"),
    "ACCUSE": ("file a lawsuit", "bring charge", "open an investigation"),
    "REJECT": ("turn down", "refuse to", "will not"),
    "PROTEST": ("go on strike", "take to the street", "hunger strike"),
    "SANCTION": ("cut tie", "break off", "recall its ambassador"),
    "MOBILIZE": ("put on alert", "on high alert", "send troop"),
    "COERCE": ("take into custody", "place under arrest", "crack down", "impose sanction"),
    "ASSAULT": ("open fire", "carry out an attack", "launch an attack"),
}

_PADDED_PHRASES = [(f" {phrase} ", label) for label, phrases in PHRASES.items() for phrase in phrases]

_LEMMA_INDEX: dict[str, tuple[str, ...]] = {}
for _label, _words in TRIGGERS.items():
    for _word in _words:
        _LEMMA_INDEX[_word] = (*_LEMMA_INDEX.get(_word, ()), _label)


def types_for_lemma(lemma: str) -> tuple[str, ...]:
    """Event types whose trigger list holds ``lemma`` (lower-case).

    Example:
        >>> types_for_lemma("condemn")
        ('ACCUSE',)
    """
    return _LEMMA_INDEX.get(lemma.lower(), ())


def phrase_hits(lemmas: Iterable[str]) -> list[str]:
    """Event types whose multi-word cues occur in a lemma sequence.

    Example:
        >>> phrase_hits(["they", "call", "for", "calm"])
        ['REQUEST']
    """
    text = " " + " ".join(lemma.lower() for lemma in lemmas) + " "
    found = {label for phrase, label in _PADDED_PHRASES if phrase in text}
    return [label for label in PHRASES if label in found] if found else []


def keyword_vote(lemmas: Iterable[str]) -> dict[str, float]:
    """Count lexicon hits per type; ambiguous words split their vote.

    Example:
        >>> keyword_vote(["Russia", "accuse", "Ukraine"])
        {'ACCUSE': 1.0}
    """
    lemma_list = [lemma.lower() for lemma in lemmas]
    votes: dict[str, float] = {}
    for lemma in lemma_list:
        labels = types_for_lemma(lemma)
        for label in labels:
            votes[label] = votes.get(label, 0.0) + 1.0 / len(labels)
    for label in phrase_hits(lemma_list):
        votes[label] = votes.get(label, 0.0) + 2.0
    return votes
