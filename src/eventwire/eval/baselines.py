"""The two baselines every event evaluation reports beside the coder.

A figure means little without a floor to compare it with, so each report
scores, in the same run and on the same items:

**majority**: the most common gold label of the set being scored, for every
item (ties go to the alphabetically first label, so the choice is
deterministic). It is the floor a coder that ignores its input reaches.

**keyword**: a fixed list of a few verbs per PLOVER type
(:data:`KEYWORDS`), matched at word starts on the lower-cased text; the
type whose keyword occurs *first* in the text wins (a news sentence names
its main event early: "Police arrested protesters who had attacked ..."
is COERCE). Without a hit it falls back to the majority label. The list is
written from the PLOVER type definitions and is deliberately small and
frozen: it stands for "what a page of regular expressions gets you", not
for a tuned system. Change it only with a new name, so old reports stay
comparable.

Where an evaluation needs actors too (triples), both baselines take the
first and second distinct countries or organisations named in the text
(:func:`scan_actors`, names, aliases and demonyms from the shipped
knowledge base) as source and target, so they differ only in the type.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

#: Word-start stems per PLOVER type. A stem matches a word that begins with
#: it ("accus" -> accused, accusing); a trailing "\b" in a stem asks for the
#: whole word.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "AGREE": ("agree", "sign", "pledg", "promis", "vow", "ratif"),
    "CONSULT": ("meet", r"met\b", r"talks\b", "visit", "host", "discuss", "negotiat", "consult"),
    "SUPPORT": ("support", "prais", "welcom", "endors", "commend", "congratulat"),
    "CONCEDE": ("conced", r"eas(e|ed|es|ing)\b", r"lift", "relax", r"accept", "yield"),
    "COOPERATE": ("cooperat", "co-operat", "collaborat", "partner", "ally", "allied"),
    "AID": (r"aid\b", "donat", "assist", r"provid", r"suppl(y|ied|ies)\b", "help"),
    "RETREAT": ("withdr", "releas", "retreat", "surrender", r"freed\b", r"pull(ed|s)? out"),
    "REQUEST": ("urg", r"call(ed|s)? (on|for)\b", r"ask", "demand", "request", "appeal"),
    "ACCUSE": ("accus", "blam", "condemn", "critici", "denounc", r"investigat"),
    "REJECT": ("reject", "refus", r"den(y|ied|ies)\b", "veto", "dismiss", "rebuff"),
    "THREATEN": ("threat", "warn", "ultimatum"),
    "PROTEST": ("protest", "demonstrat", r"rall(y|ied|ies)\b", r"march(ed|es)?\b", "riot", r"strik(e|es)\b"),
    "SANCTION": ("sanction", "expel", "embargo", "boycott", r"sever(ed|s)?\b", r"suspend"),
    "MOBILIZE": ("mobili", "deploy", r"troops? (build|massing)"),
    "COERCE": ("arrest", "detain", r"seiz", r"ban(s|ned)?\b", r"jail", "deport", r"raid"),
    "ASSAULT": ("attack", r"kill", r"bomb", r"shell(ed|ing|s)?\b", "clash", r"fight", r"fought\b", r"air ?strike",
                r"shot\b", r"shoot", "wound", "assault", "invad", "massacre"),
}

_KEYWORD_RE = re.compile(
    "|".join(f"(?P<{label}>" + "|".join(r"\b" + stem for stem in stems) + ")" for label, stems in KEYWORDS.items())
)

#: One representative CAMEO code per PLOVER type, for baselines scored on
#: CAMEO-coded gold: the type's root code, with a trailing 0 (the generic
#: code of that root). ASSAULT's conventional-force root (19) is the more
#: common in news than unconventional violence (18).
TYPE_CAMEO: dict[str, str] = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "051", "COOPERATE": "060", "AID": "070", "CONCEDE": "080",
    "RETREAT": "087", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130", "PROTEST": "140",
    "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170", "ASSAULT": "190",
}


def majority_label(labels: Iterable[str]) -> str:
    """The most common label; ties go to the alphabetically first.

    Example: ``majority_label(["ASSAULT", "PROTEST", "ASSAULT"])`` -> ``"ASSAULT"``
    """
    counts = Counter(labels)
    if not counts:
        raise ValueError("no labels to take a majority of")
    best = max(counts.values())
    return min(label for label, n in counts.items() if n == best)


def keyword_type(text: str) -> str | None:
    """The PLOVER type of the first keyword in ``text``, or ``None``.

    Example: ``keyword_type("Police arrested protesters who attacked a bank.")`` -> ``"COERCE"``
    """
    match = _KEYWORD_RE.search(text.lower())
    return match.lastgroup if match else None


def keyword_labels(texts: Sequence[str], fallback: str) -> list[str]:
    """:func:`keyword_type` of each text, ``fallback`` where no keyword occurs.

    Example: ``keyword_labels(["They met.", "Nothing."], "AGREE")`` -> ``["CONSULT", "AGREE"]``
    """
    return [keyword_type(text) or fallback for text in texts]


@functools.lru_cache(maxsize=1)
def _actor_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    from eventwire.actors.kb import KnowledgeBase

    surface: dict[str, str] = {}
    for form, entry in KnowledgeBase.load().names():
        # Countries and organisations only: a baseline names who acted, not
        # which office; metonyms ("the Kremlin") and people are the coder's job.
        if entry.kind in ("country", "igo") and len(form) > 1:
            surface.setdefault(form, entry.country)
    # Longest first, so "South Sudan" wins over "Sudan".
    forms = sorted(surface, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
    return pattern, surface


def scan_actors(text: str) -> list[str]:
    """Country and organisation codes named in ``text``, in order, each once.

    Example: ``scan_actors("Russian troops entered Ukraine; Russia denied it.")`` -> ``["RUS", "UKR"]``
    """
    pattern, surface = _actor_pattern()
    seen: list[str] = []
    for match in pattern.finditer(text):
        code = surface[match.group(0)]
        if code not in seen:
            seen.append(code)
    return seen


def baseline_dyad(text: str) -> tuple[str | None, str | None]:
    """(source, target) for the baselines: the first two actors :func:`scan_actors` finds.

    Example: ``baseline_dyad("France urged Iran to talk.")`` -> ``("FRA", "IRN")``
    """
    found = scan_actors(text)
    return (found[0] if found else None, found[1] if len(found) > 1 else None)
