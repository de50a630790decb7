"""The language an item is written in, for `schema:inLanguage` and the tags of its text.

The site's own labels (navigation, `- Date:`, `Press release`...) say nothing here: they are
English on every page we read, also around a French press release. So the item's title and
body decide, through py3langid (a naive Bayes classifier whose model ships inside the
package: no download, same answer every run), limited to the languages the site publishes
in (`dates.LANGUAGES`). Text too short or too mixed to tell (a probability under
`CONFIDENCE`) is in the site's language, English. docs/decisions/0015 has the measurements
behind the choice.

The model ships compressed with xz; decompressing it was most of its load, in every process
that maps a page: most of a one-page incremental build's CPU (decision 0025 has the figures).
It is therefore decompressed once per user into the cache folder (`$XDG_CACHE_HOME/osce-rdf`, by
default `~/.cache/osce-rdf`), under a name that holds py3langid's version and the packed
model's size, and read from there; read with `allow_pickle=False`, so the cached file
is data, never code. A cache folder that cannot be written only costs the time.

py3langid reads a text with a tokenizer it steps one byte at a time in Python: the most costly
loop of a build (a quarter of the CPU a worker spends mapping and rendering an item). The
identifier here walks the same automaton over all of a text's bytes at once in numpy
(`_Tokens`), and scores the same features in the same order: the same scores, to the bit.
"""

from __future__ import annotations

import lzma
import os
import shutil
import threading
from array import array
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic_files import atomic_writer
from ..errors import OutputError
from .dates import LANGUAGES

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = ["CONFIDENCE", "LOOKS_AT", "SITE_LANGUAGE", "TOKEN_WINDOW", "LanguageDetector"]

SITE_LANGUAGE = "en"
CONFIDENCE = 0.8
# How many characters of a text decide its language: some ten times a newsroom item (950 on
# average), far more than the classifier needs, and a 10 MB body no longer spends a quarter
# of its build (2.0 of 8 s of CPU at 4 MB) counting n-grams of the same language.
LOOKS_AT = 20_000
# The longest string of bytes a state of py3langid's tokenizer stands for (its longest
# feature): the state at any position is decided by the bytes of this window that end there.
# `tests/test_languages.py` measures it on the installed model.
TOKEN_WINDOW = 6


class LanguageDetector:
    """Detects the language of a text; the model is loaded on first use, from the cache when
    it is there."""

    @cached_property
    def _identifier(self) -> LanguageIdentifier:
        import numpy as np
        from py3langid.langid import MODEL_DIR, MODEL_FILE

        packed = Path(MODEL_DIR) / MODEL_FILE
        unpacked = _unpacked(packed)
        identifier_class = _identifier_class()
        if unpacked is None:
            identifier = identifier_class.from_model_file(packed, norm_probs=True)
        else:
            with np.load(unpacked, allow_pickle=False) as data:
                identifier = identifier_class(
                    np.asarray(data["ptc"]),
                    np.asarray(data["pc"]),
                    data["classes"].tolist(),
                    _flat(data["nextmove"]),
                    data["out_feat"].tolist(),
                    norm_probs=True,
                    tk_row=_flat(data["nextmove_row"]),
                )
        known = set(identifier.nb_classes)
        identifier.set_languages(sorted({code for code in LANGUAGES if code in known}))
        # Restricting the languages leaves the feature table column-major and half precision:
        # every text gathers a few hundred of its rows and multiplies them as float32. Made
        # row-major float32 once, the gather and the product take half the time (0.18 ms to
        # 0.08 ms an item), with the same scores to the bit (the product casts to float32).
        identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
        identifier.tokens = _Tokens(identifier)
        return identifier

    def detect(self, text: str) -> str:
        """A BCP 47 language code: `fr` for a French press release, `en` when unsure; from
        the text's first `LOOKS_AT` characters."""
        language, probability = self._identifier.classify(text[:LOOKS_AT])
        return str(language) if probability >= CONFIDENCE else SITE_LANGUAGE


@cache
def _identifier_class() -> type[LanguageIdentifier]:
    """py3langid's identifier, reading a text's features with `_Tokens`; made on first use,
    as py3langid and numpy are imported only then."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    class Identifier(LanguageIdentifier):  # type: ignore[misc]  # an untyped base
        __slots__ = ("tokens",)

        def _raw_score(self, text: bytes) -> Any:
            found = self.tokens.features(text)
            if found is None:
                return super()._raw_score(text)  # no feature at all: the library's answer
            features, counts = found
            return np.log1p(counts) @ self.nb_ptc[features] + self.nb_pc  # as `_sparse_score`

    return Identifier


class _Scratch(threading.local):
    """Two arrays over the model's features, kept filled with their resting values between
    texts (one pair per thread): where each feature first occurs, and how often."""

    def __init__(self, features: int) -> None:
        import numpy as np

        self.first = np.full(features, _NEVER, dtype=np.intp)
        self.counts = np.zeros(features, dtype=np.intp)


_NEVER = 2**62  # a position after every text's last


class _Tokens:
    """py3langid's tokenizer, walked over every position of a text at once.

    The tokenizer is an Aho-Corasick automaton over the text's UTF-8 bytes: a state stands
    for a string of at most `TOKEN_WINDOW` bytes, so the state at a position is the one
    reached from the start state by the `TOKEN_WINDOW` bytes that end there (fewer at the
    text's start). `TOKEN_WINDOW` steps over all positions in numpy give every state; each
    state names at most one feature. py3langid counts them in the order they first occur, and
    so do we: its scores sum the features in that order.
    """

    def __init__(self, identifier: Any) -> None:
        import numpy as np

        self.nextmove = np.asarray(identifier.tk_nextmove)  # the stdlib array's memory, shared
        self.rowbase = np.asarray(identifier.tk_row, dtype=np.intp) << 8
        self.output = np.asarray(identifier.tk_output, dtype=np.intp)
        self._scratch = _Scratch(len(identifier.nb_ptc))

    def features(self, text: bytes) -> tuple[Any, Any] | None:
        """The distinct features of the text in the order they first occur, and how often
        each occurs (as float32, py3langid's type); None when there is none."""
        import numpy as np

        data = np.frombuffer(text, dtype=np.uint8)
        size = len(data)
        states = np.zeros(size, dtype=np.intp)
        for back in range(min(TOKEN_WINDOW, size) - 1, -1, -1):  # the byte `back` before
            states[back:] = self.nextmove[self.rowbase[states[back:]] + data[: size - back]]
        found = self.output[states]
        found = found[found >= 0]
        if not len(found):
            return None
        scratch = self._scratch
        positions = np.arange(len(found))
        np.minimum.at(scratch.first, found, positions)
        np.add.at(scratch.counts, found, 1)
        features = found[scratch.first[found] == positions]
        counts = scratch.counts[features].astype(np.float32)
        scratch.first[features] = _NEVER
        scratch.counts[features] = 0
        return features, counts


def cache_folder() -> Path:
    """Where files made once per user are kept (the XDG base directory convention)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "osce-rdf"


def _unpacked(packed: Path) -> Path | None:
    """The decompressed model in the cache, written there first if missing; None when the
    cache cannot be written."""
    name = f"py3langid-{metadata.version('py3langid')}-{packed.stat().st_size}.npz"
    target = cache_folder() / name
    if target.is_file():
        return target
    try:
        with lzma.open(packed) as source, atomic_writer(target, binary=True) as sink:
            shutil.copyfileobj(source, sink, 1 << 20)
    except (OutputError, OSError):
        return None
    return target


def _flat(values: Any) -> array[int]:
    """A numpy array of unsigned integers as the stdlib array py3langid walks (as its loader)."""
    import numpy as np

    found: array[int] = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    found.frombytes(np.ascontiguousarray(values).tobytes())
    return found
