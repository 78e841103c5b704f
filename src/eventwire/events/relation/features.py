"""Features of one (sentence, source span, target span) candidate.

Features are strings (``"lca=condemn"``, ``"tprep=with|meet"``) so the model
stores a vocabulary, not code, and so anyone can read which features fired
for a decision. They come from the spaCy parse of the sentence: what links
the two actors (the lowest common ancestor of their head tokens and the
dependency path between them), which verb governs each actor and through
which relation or preposition, negation and modal cues, the words between
the two actors, the sentence's words, and hits of the hand-written trigger
lexicon in each of those places.

Only tagger, lemmatizer and parser output is used (no entities, no vectors),
so a Doc parsed by any ``en_core_web_*`` pipeline with a parser works.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from eventwire.events.relation.lexicon import phrase_hits, types_for_lemma

#: Bump when features change: a model trained on another version must not be
#: fed these (``RelationModel.load`` checks it).
FEATURE_VERSION = "relfeat_v1"

_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "PROPN", "ADP", "PART", "AUX", "NUM"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Governors are looked up through these: a noun trigger ("the release of X")
# is as good a governor as a verb.
_GOVERNOR_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_MAX_PATH = 8
_WORD_COLUMNS = [IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LOWER]


def actor_span(sentence: Span, span: tuple[int, int] | None) -> Span | None:
    """The tokens covering ``span`` (char offsets within ``sentence.text``).

    Offsets that cut a token are widened to whole tokens; an empty or
    out-of-range span gives ``None``.

    Example:
        >>> actor_span(nlp("Russia accused Ukraine.")[:], (0, 6)).text
        'Russia'
    """
    if span is None:
        return None
    start, end = span
    text = sentence.text
    # Leading/trailing blanks inside a marked span would otherwise widen it to
    # a neighbouring token.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end or start < 0 or end > len(text):
        return None
    base = sentence.start_char
    found = sentence.doc.char_span(base + start, base + end, alignment_mode="expand")
    if found is None or len(found) == 0:
        return None
    return found


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 64:
        chain.append(chain[-1].head)
    return chain


def _path(source: Token, target: Token) -> tuple[Token | None, list[Token], list[Token]]:
    """Lowest common ancestor and the two legs of the dependency path."""
    up_source = _ancestors(source)
    up_target = _ancestors(target)
    target_index = {tok.i: pos for pos, tok in enumerate(up_target)}
    for pos, tok in enumerate(up_source):
        if tok.i in target_index:
            return tok, up_source[:pos], up_target[: target_index[tok.i]]
    return None, up_source, up_target


def _governor(head: Token) -> tuple[Token | None, str]:
    """The nearest verb or noun above an actor and the preposition, if any."""
    prep = ""
    tok = head
    for _ in range(6):
        parent = tok.head
        if parent.i == tok.i:
            return None, prep
        if parent.pos_ == "ADP" and not prep:
            prep = parent.lemma_.lower()
        elif parent.pos_ in _GOVERNOR_POS and parent.i != head.i:
            return parent, prep
        tok = parent
    return None, prep


def _lemma(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _lexicon_features(prefix: str, lemmas: Sequence[str]) -> list[str]:
    out = []
    for lemma in lemmas:
        for label in types_for_lemma(lemma):
            out.append(f"{prefix}={label}")
    return out


def _head_features(prefix: str, span: Span | None) -> tuple[list[str], Token | None]:
    if span is None:
        return [f"{prefix}_missing"], None
    head = span.root
    feats = [f"{prefix}dep={head.dep_}"]
    governor, prep = _governor(head)
    if governor is not None:
        glemma = _lemma(governor)
        feats.append(f"{prefix}gov={glemma}")
        feats.append(f"{prefix}gov_dep={glemma}|{head.dep_}")
        feats.extend(_lexicon_features(f"{prefix}gov_lex", [glemma]))
        if any(child.dep_ == "neg" for child in governor.children):
            feats.append(f"{prefix}gov_neg")
    if prep:
        feats.append(f"{prefix}prep={prep}")
        if governor is not None:
            feats.append(f"{prefix}prep_gov={prep}|{_lemma(governor)}")
    return feats, head


def _trigger_features(lca: Token) -> list[str]:
    """The word that links the actors, with its complements and modality."""
    lemma = _lemma(lca)
    feats = [f"lca={lemma}", f"lca_pos={lca.pos_}"]
    feats.extend(_lexicon_features("lca_lex", [lemma]))
    for child in lca.children:
        clemma = _lemma(child)
        if child.dep_ == "neg" or clemma in _NEGATIONS:
            feats.append("lca_neg")
        elif child.dep_ == "aux" and clemma in _MODALS:
            feats.append("lca_modal")
        elif child.dep_ in ("xcomp", "ccomp", "dobj", "prt", "attr", "acomp"):
            feats.append(f"lca_{child.dep_}={clemma}")
            feats.append(f"lca_comp={lemma}|{clemma}")
            feats.extend(_lexicon_features("comp_lex", [clemma]))
        elif child.dep_ == "prep":
            feats.append(f"lca_prep={lemma}|{clemma}")
    return feats


def featurize(sentence: Span | Doc, source: tuple[int, int] | None, target: tuple[int, int] | None) -> list[str]:
    """Feature strings for one candidate: actors' char spans in ``sentence``.

    ``sentence`` is a parsed sentence (a Span of a larger Doc, or a Doc);
    offsets are relative to its text. Either span may be ``None`` when the
    data names only one actor.

    Example:
        >>> doc = nlp("Russia accused Ukraine of shelling civilians.")
        >>> "lca=accuse" in featurize(doc, (0, 6), (15, 22))
        True
    """
    sent = sentence[:] if isinstance(sentence, Doc) else sentence
    source_span = actor_span(sent, source)
    target_span = actor_span(sent, target)
    feats: list[str] = ["bias"]
    source_feats, source_head = _head_features("s", source_span)
    target_feats, target_head = _head_features("t", target_span)
    feats += source_feats + target_feats

    if source_head is not None and target_head is not None:
        feats.append("order=st" if source_head.i <= target_head.i else "order=ts")
        lca, up_source, up_target = _path(source_head, target_head)
        if lca is not None:
            feats += _trigger_features(lca)
            # The full dependency path (labels and lemmas along it) was tried
            # and cost about 0.01 macro-F1 in cross-validation: too sparse
            # for a thousand sentences. Its length is kept as a coarse cue.
            feats.append(f"path_len={min(len(up_source) + len(up_target), _MAX_PATH)}")
        low, high = sorted((source_span, target_span), key=lambda span: span.start)
        between = [tok for tok in sent.doc[low.end : high.start] if tok.pos_ in _CONTENT_POS]
        btw_lemmas = [_lemma(tok) for tok in between]
        feats += [f"btw={lemma}" for lemma in btw_lemmas]
        feats += _lexicon_features("btw_lex", btw_lemmas)
        feats += [f"btw_phrase={label}" for label in phrase_hits(_lemma(t) for t in sent.doc[low.end : high.start])]
        if not between:
            feats.append("btw_empty")
    else:
        anchor = source_head if source_head is not None else target_head
        if anchor is not None:
            governor, _ = _governor(anchor)
            if governor is not None:
                feats += _trigger_features(governor)

    # Words around the actors catch "X's attack on Y" and "X, backed by Y".
    for prefix, span in (("s", source_span), ("t", target_span)):
        if span is None:
            continue
        doc = sent.doc
        for tok in doc[max(sent.start, span.start - 2) : span.start]:
            feats.append(f"{prefix}left={_lemma(tok)}")
        for tok in doc[span.end : min(sent.end, span.end + 2)]:
            feats.append(f"{prefix}right={_lemma(tok)}")

    actor_tokens = set()
    for span in (source_span, target_span):
        if span is not None:
            actor_tokens.update(range(span.start, span.end))
    # The sentence's words, read from the Doc's arrays: the same as
    # iterating its tokens, without making a Token object of each.
    strings = sent.doc.vocab.strings
    word_lemmas, lemmas, negated = [], [], False
    rows = sent.doc.to_array(_WORD_COLUMNS)[sent.start : sent.end].tolist()
    for i, (punct, space, stop, lemma_id, lower_id) in enumerate(rows, start=sent.start):
        if punct or space or i in actor_tokens:
            continue
        lemma_text = strings[lemma_id].lower()
        lemma = lemma_text or strings[lower_id]
        word_lemmas.append(lemma)
        if not stop or lemma_text in _NEGATIONS:
            lemmas.append(lemma)
        negated = negated or strings[lower_id] in _NEGATIONS
    feats += [f"bow={lemma}" for lemma in lemmas]
    feats += _lexicon_features("sent_lex", lemmas)
    feats += [f"sent_phrase={label}" for label in phrase_hits(word_lemmas)]
    root = sent.root
    feats.append(f"root={_lemma(root)}")
    if negated:
        feats.append("sent_neg")
    return feats
