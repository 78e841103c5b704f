"""What the local runner's fork server loads once, for every worker it forks.

The fork server imports this module before it forks the first worker. It
loads what does not depend on the run's settings: the modules the workers
need (spaCy and eventwire's coder, actor and NLP layers) and extraction's
language and tone tables. Each worker then loads only what the settings
choose (the spaCy pipeline, the knowledge base, the relation model).
"""

from __future__ import annotations

import contextlib
import gc

import spacy  # noqa: F401

import eventwire.actors.recognize  # noqa: F401  (registers the actor component)
import eventwire.events.coder  # noqa: F401
import eventwire.nlp.fast_ner  # noqa: F401
import eventwire.nlp.fast_parser  # noqa: F401
import eventwire.nlp.fast_rules  # noqa: F401
import eventwire.nlp.fast_tok2vec  # noqa: F401
import eventwire.runner.worker  # noqa: F401
from eventwire.extract.article import warm_up

# A failure here (an unwritable cache folder, say) must not stop the fork
# server: each worker warms up again and records it on its documents.
with contextlib.suppress(Exception):
    warm_up()
# The forked workers share these objects' pages with the fork server; a
# collection in a worker would write to every one of them (and copy it).
gc.freeze()
