"""A faster, exact stand-in for the model's ``attribute_ruler`` and ``lemmatizer``.

In ``en_core_web_sm`` these two rule components cost about a fifth of the
whole parse (measured on the Guardian sample: 3.5 s and 2.0 s of CPU out of
32 s): the attribute ruler runs a Matcher of 179 patterns over every token,
and the lemmatizer builds a Python Token for each one. Almost every rule
tests one token's tag, lower-cased form, dependency label or whitespace, so
the rules that hold for a token are a function of those four values; this
component computes that once per distinct combination and reuses it. Of the
lower-cased form, the key holds only what a rule can tell apart: the form
itself if a rule names it, else which of the rules' regular expressions it
matches. So the tables hold about 850 keys after 94,000 tokens of news
(17,600 keyed by the form itself) and do not grow with the vocabulary. The
few rules that span two tokens ("gon na", "let 's", "there is") are tested
the same way, per token key, and matched as runs of consecutive tokens
(spaCy's Matcher did this for 8 patterns at a third of this component's
cost).

spaCy's rule lemmatizer looks every form its suffix rules make up in a word
index that the English model stores as lists (57,528 nouns): about 0.1 ms a
new word. :func:`install` turns the index of the lemmatizer it takes over
into sets, which give the same lemmas.

It is exact: rules apply in the attribute ruler's order (later rules win),
with spaCy's own ``set_token_attrs``, and lemmas are the lemmatizer's own,
memoised on the key spaCy's lemmatizer caches on (form, POS, morphology).
``tests/nlp/test_fast_rules.py`` compares every token's POS, morphology and
lemma with the stock components. A rule of a form this module does not know
(an operator, another attribute) makes :func:`install` leave the stock
components in place.

Example::

    nlp = spacy.load("en_core_web_sm")
    install(nlp)          # True: attribute_ruler + lemmatizer replaced
    nlp("Talks were held.")[1].lemma_    # "be"
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

COMPONENT = "eventwire_fast_rules"
_RULER = "attribute_ruler"
_LEMMATIZER = "lemmatizer"
# What a one-token rule may test, and how to read it from a token.
_FIELDS: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}

# The token key the one-token rules depend on, in _FIELDS order.
_KEY = [TAG, LOWER, DEP, IS_SPACE]
# What rules set through Doc arrays (anything else goes token by token).
_WRITE = [POS, MORPH, LEMMA]
_ARRAY_ATTRS = frozenset(_WRITE)
_LEMMA_KEY = [ORTH, POS, MORPH, LEMMA]
# Entries a memo table may hold before it starts again (a long run sees
# millions of distinct words).
_MEMO_LIMIT = 200_000


class UnsupportedRule(ValueError):
    """A rule this module cannot evaluate exactly; the stock components stay."""


def _predicate(field: str, spec: object) -> Callable[[object], bool]:
    if isinstance(spec, (str, bool, int)):
        return lambda value: value == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda value: value in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda value: value not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda value: bool(rx.search(str(value)))
    raise UnsupportedRule(f"{field}: {spec!r}")


def _values(token: Token) -> dict[str, object]:
    return {field: read(token) for field, read in _FIELDS.items()}


class FastRules:
    """The attribute ruler's rules and the lemmatizer, applied per distinct token key."""

    def __init__(self, ruler, lemmatizer) -> None:
        self.vocab = ruler.vocab
        _index_as_sets(lemmatizer)
        self._lemmatizer = lemmatizer
        self.lemmatize = lemmatizer.lemmatize
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        # (rule order, [(field, test)], attrs) for one-token rules.
        self.single: list[tuple[int, list[tuple[str, Callable]], dict]] = []
        # Rules over two or more tokens, without operators: (rule order, index,
        # attrs, the tests of each of their tokens).
        self.multi: list[tuple[int, int, dict, list[list[tuple[str, Callable]]]]] = []
        # A rule that demands one exact LOWER (else TAG) value is filed under
        # it; a token then tests only the rules filed under its own values
        # and the few that demand neither (lists, patterns, other fields).
        self._anchored: dict[tuple[str, str], list] = {}
        self._generic: list = []
        for k, pattern in enumerate(ruler.patterns):
            attrs, index = ruler.attrs[k], ruler.indices[k]
            for tokens in pattern["patterns"]:
                if len(tokens) == 1:
                    rule = (k, self._tests(tokens[0]), attrs)
                    self.single.append(rule)
                    anchor = next(((f, tokens[0][f]) for f in ("LOWER", "TAG") if isinstance(tokens[0].get(f), str)), None)
                    if anchor is None:
                        self._generic.append(rule)
                    else:
                        self._anchored.setdefault(anchor, []).append(rule)
                else:
                    if not -len(tokens) <= index < len(tokens):
                        raise UnsupportedRule(f"index {index} outside a rule of {len(tokens)} tokens")
                    self.multi.append((k, index, attrs, [self._tests(tok) for tok in tokens]))
        self._rules: dict[tuple, dict] = {}
        # Per token key: the (multi-token rule, position) pairs it satisfies.
        self._steps: dict[tuple, frozenset[tuple[int, int]]] = {}
        self._lemmas: dict[tuple[int, int, int], int] = {}
        # A token key holds, instead of the lower-case form, its class: the
        # form itself if some rule names it, else which of the rules' LOWER
        # regexes it matches. Rules cannot tell apart two forms of one class,
        # so the memo tables stay small instead of growing with the vocabulary.
        named, self._lower_regexes = _lower_tests(ruler.patterns)
        self._named_lowers = frozenset(self.vocab.strings.add(form) for form in named)
        self._lower_class: dict[int, int] = {}

    @staticmethod
    def _tests(token_spec: dict) -> list[tuple[str, Callable]]:
        tests = []
        for field, spec in token_spec.items():
            if field not in _FIELDS:  # an operator ("OP") or another attribute
                raise UnsupportedRule(field)
            tests.append((field, _predicate(field, spec)))
        return tests

    def _candidates(self, token: Token) -> list[tuple[int, list, dict]]:
        """The one-token rules that may hold for ``token``, in rule order (cheap index lookups)."""
        found = self._anchored.get(("LOWER", token.lower_), []) + self._anchored.get(("TAG", token.tag_), [])
        return sorted(found + self._generic, key=lambda r: r[0])

    def _matching(self, token: Token) -> list[tuple[int, dict]]:
        values = _values(token)
        return [(k, attrs) for k, tests, attrs in self._candidates(token) if all(test(values[f]) for f, test in tests)]

    def _satisfied_steps(self, token: Token) -> frozenset[tuple[int, int]]:
        values = _values(token)
        return frozenset(
            (r, j)
            for r, (_, _, _, steps) in enumerate(self.multi)
            for j, tests in enumerate(steps)
            if all(test(values[f]) for f, test in tests)
        )

    def _merged(self, token: Token, key: tuple) -> dict:
        """Every one-token rule that holds for ``token``, applied in order: attr id -> value."""
        merged: dict = {}
        for _, attrs in self._matching(token):
            merged.update(attrs)
        self._rules[key] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        # spaCy's lemmatizer keeps its own cache of every (form, POS, morphology) too.
        spacy_cache = getattr(self._lemmatizer, "cache", {})
        for memo in (self._rules, self._steps, self._lemmas, self._lower_class, spacy_cache):
            if len(memo) > _MEMO_LIMIT:
                memo.clear()
        keys = self._keys(doc)
        extra = self._multi_matches(doc, keys) if self.multi else {}
        memo = self._rules
        # Per token, the attributes the rules set (None: none). Tokens a
        # two-token rule touches, or whose rules set anything but POS, MORPH
        # or LEMMA, take spaCy's own per-token path, in rule order.
        todo: list[tuple[int, dict]] = []
        for i, key in enumerate(keys):
            merged = memo.get(key)
            if merged is None:
                merged = self._merged(doc[i], key)
            if i in extra or not merged.keys() <= _ARRAY_ATTRS:
                self._apply_in_order(doc[i], extra.get(i, []))
            elif merged:
                todo.append((i, merged))
        if todo:
            current = doc.to_array(_WRITE)
            for i, merged in todo:
                for col, attr in enumerate(_WRITE):
                    if attr in merged:
                        current[i, col] = merged[attr]
            doc.from_array(_WRITE, current)
        self._lemmatize(doc)
        return doc

    def _keys(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Per token (TAG, class of LOWER, DEP, IS_SPACE): everything the rules can test."""
        classes, named, strings = self._lower_class, self._named_lowers, self.vocab.strings
        keys = []
        for tag, lower, dep, space in doc.to_array(_KEY).tolist():
            if lower not in named:
                cls = classes.get(lower)
                if cls is None:
                    text = strings[lower]
                    cls = classes[lower] = -1 - sum(1 << k for k, rx in enumerate(self._lower_regexes) if rx.search(text))
                lower = cls
            keys.append((tag, lower, dep, space))
        return keys

    def _multi_matches(self, doc: Doc, keys: list[tuple]) -> dict[int, list[tuple[int, dict]]]:
        """Token -> the multi-token rules (order, attrs) that set it: every
        run of consecutive tokens that satisfies a rule's tokens in turn, as
        spaCy's Matcher finds them for rules without operators."""
        memo = self._steps
        steps = []
        for i, key in enumerate(keys):
            held = memo.get(key)
            if held is None:
                held = memo[key] = self._satisfied_steps(doc[i])
            steps.append(held)
        extra: dict[int, list[tuple[int, dict]]] = {}
        n = len(keys)
        for start, held in enumerate(steps):
            if not held:
                continue
            for r, (k, index, attrs, tests) in enumerate(self.multi):
                end = start + len(tests)
                if end <= n and all((r, j) in steps[start + j] for j in range(len(tests))):
                    extra.setdefault((start if index >= 0 else end) + index, []).append((k, attrs))
        return extra

    def _apply_in_order(self, token: Token, extra: list[tuple[int, dict]]) -> None:
        for _, attrs in sorted(self._matching(token) + extra, key=lambda r: r[0]):
            set_token_attrs(token, attrs)

    def _lemmatize(self, doc: Doc) -> None:
        rows = doc.to_array(_LEMMA_KEY)
        memo, strings = self._lemmas, self.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            rows[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])


def _lower_tests(patterns: list[dict]) -> tuple[set[str], list[re.Pattern]]:
    """The lower-case forms the rules name (exactly or in a list), and their LOWER regexes."""
    named: set[str] = set()
    regexes: list[re.Pattern] = []
    for pattern in patterns:
        for tokens in pattern["patterns"]:
            for token in tokens:
                spec = token.get("LOWER")
                if isinstance(spec, str):
                    named.add(spec)
                elif isinstance(spec, dict):
                    for op, arg in spec.items():
                        if op == "REGEX":
                            regexes.append(re.compile(arg))
                        else:
                            named.update(arg)
    return named, regexes


def _index_as_sets(lemmatizer) -> None:
    """Make the lemmatizer's word index (``lemma_index``: part of speech -> known
    lemmas) sets instead of lists.

    spaCy's rule lemmatizer asks ``form in index`` for every form its suffix
    rules make, and the English index holds 57,528 nouns as a list: about
    0.1 ms a new word, a third of this component's time on fresh text. The
    same test on a set gives the same lemmas.
    """
    table = lemmatizer.lookups.get_table("lemma_index", None) if lemmatizer.lookups.has_table("lemma_index") else None
    if table is None:
        return
    for key, words in list(table.items()):
        if isinstance(words, list):
            dict.__setitem__(table, key, frozenset(words))


def lemma_words(nlp: Language) -> tuple[frozenset[str], ...]:
    """The words the pipeline's rule lemmatizer knows, one set per part of speech (its
    ``lemma_index``: English nouns, verbs, adjectives, adverbs), whether or not
    :func:`install` took it over (whose sets these are, not copies); empty when it has none.

    Example: ``any("animal" in words for words in lemma_words(nlp))`` -> ``True``
    """
    if _LEMMATIZER in nlp.pipe_names:
        lemmatizer = nlp.get_pipe(_LEMMATIZER)
    elif COMPONENT in nlp.pipe_names and getattr(nlp.get_pipe(COMPONENT), "rules", None) is not None:
        lemmatizer = nlp.get_pipe(COMPONENT).rules._lemmatizer
    else:
        return ()
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return ()
    return tuple(words if isinstance(words, frozenset) else frozenset(words)
                 for words in lookups.get_table("lemma_index").values())


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str):
    # Built empty; ``install`` hands it the stock components' rules.
    return _Holder()


class _Holder:
    """The pipeline slot; delegates to a FastRules once installed."""

    rules: FastRules | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            raise ValueError(f"{COMPONENT} was added without eventwire.nlp.fast_rules.install")
        return self.rules(doc)


def install(nlp: Language) -> bool:
    """Replace ``attribute_ruler`` + ``lemmatizer`` in ``nlp`` by one exact, faster component.

    Returns False (and leaves ``nlp`` as it was) when the pipeline lacks one of
    them, or has a rule this module does not evaluate.

    Example: ``install(spacy.load("en_core_web_sm"))`` -> ``True``
    """
    if _RULER not in nlp.pipe_names or _LEMMATIZER not in nlp.pipe_names:
        return False
    ruler, lemmatizer = nlp.get_pipe(_RULER), nlp.get_pipe(_LEMMATIZER)
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    # The lemmatizer reads the POS and morphology the ruler sets; merged, they
    # must be neighbours so that no component in between sees a half state.
    if nlp.pipe_names.index(_LEMMATIZER) != nlp.pipe_names.index(_RULER) + 1:
        return False
    try:
        rules = FastRules(ruler, lemmatizer)
    except UnsupportedRule:
        return False
    holder = nlp.replace_pipe(_RULER, COMPONENT)
    holder.rules = rules
    nlp.rename_pipe(_RULER, COMPONENT)
    nlp.remove_pipe(_LEMMATIZER)
    return True
