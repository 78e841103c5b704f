"""Repairs of parses the small English model gets wrong in a way that hides an event.

Each repair moves heads and labels of a few tokens of a parsed ``Doc`` in
place, only where the words leave no other reading; the coder calls
:func:`repair` on every sentence before it looks for events.

- *"died in police firing"*: the parser reads "police" as the object of "in"
  and "firing" as a participle hung on it or on the verb ("police *who are*
  firing"), so the firing is no event noun and the dead are no one's
  victims. With no object of its own, "firing" (or "shooting") right after
  "police" that is a preposition's object is the noun: the police's firing.
"""

from __future__ import annotations

#: Nouns of shooting the parser takes for participles after "police".
_SHOOTING = frozenset({"firing", "shooting"})
#: Words of a participle's own clause: with one of them "firing" is a verb ("police firing tear gas").
_CLAUSE_DEPS = frozenset({"dobj", "nsubj", "aux", "advmod", "prt"})


def repair(doc) -> None:
    """Repair ``doc``'s parse in place (see the module docstring).

    Example: ``repair(nlp("Two men died in police firing."))`` makes "firing" the object of "in".
    """
    text = doc.text.lower()
    if "police firing" not in text and "police shooting" not in text:
        return  # nearly every sentence: no token is looked at
    for tok in doc:
        if tok.lower_ in _SHOOTING and tok.tag_ == "VBG" and tok.i > 0:
            _police_firing(doc[tok.i - 1], tok)


def _police_firing(police, firing) -> None:
    prep = police.head
    if police.lower_ != "police" or police.dep_ != "pobj" or prep.pos_ != "ADP" \
            or firing.head.i not in (police.i, prep.head.i) or firing.dep_ not in ("acl", "advcl") \
            or any(c.dep_ in _CLAUSE_DEPS for c in firing.children):
        return
    firing.head = prep  # first, so that "police" never hangs on its own child
    firing.dep_ = "pobj"
    firing.tag_, firing.pos_, firing.lemma_ = "NN", "NOUN", firing.lower_
    police.head = firing
    police.dep_ = "compound"
