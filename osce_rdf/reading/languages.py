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
"""

from __future__ import annotations

import lzma
import os
import shutil
from array import array
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic_files import atomic_writer
from ..errors import OutputError
from .dates import LANGUAGES

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = ["CONFIDENCE", "LOOKS_AT", "SITE_LANGUAGE", "LanguageDetector"]

SITE_LANGUAGE = "en"
CONFIDENCE = 0.8
# How many characters of a text decide its language: some ten times a newsroom item (950 on
# average), far more than the classifier needs, and a 10 MB body no longer spends a quarter
# of its build (2.0 of 8 s of CPU at 4 MB) counting n-grams of the same language.
LOOKS_AT = 20_000


class LanguageDetector:
    """Detects the language of a text; the model is loaded on first use, from the cache when
    it is there."""

    @cached_property
    def _identifier(self) -> LanguageIdentifier:
        import numpy as np
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        packed = Path(MODEL_DIR) / MODEL_FILE
        unpacked = _unpacked(packed)
        if unpacked is None:
            identifier = LanguageIdentifier.from_model_file(packed, norm_probs=True)
        else:
            with np.load(unpacked, allow_pickle=False) as data:
                identifier = LanguageIdentifier(
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
        return identifier

    def detect(self, text: str) -> str:
        """A BCP 47 language code: `fr` for a French press release, `en` when unsure; from
        the text's first `LOOKS_AT` characters."""
        language, probability = self._identifier.classify(text[:LOOKS_AT])
        return str(language) if probability >= CONFIDENCE else SITE_LANGUAGE


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
