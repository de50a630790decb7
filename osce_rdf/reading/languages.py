"""The language an item is written in, for `schema:inLanguage` and the tags of its text.

The site's own labels (navigation, `- Date:`, `Press release`...) say nothing here: they are
English on every page we read, also around a French press release. So the item's title and
body decide, through py3langid (a naive Bayes classifier whose model ships inside the
package: no download, same answer every run), limited to the languages the site publishes
in (`dates.LANGUAGES`). Text too short or too mixed to tell (a probability under
`CONFIDENCE`) is in the site's language, English. docs/decisions/0015 has the measurements
behind the choice.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

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
    """Detects the language of a text; the model is loaded on first use (about 1.5 s)."""

    @cached_property
    def _identifier(self) -> LanguageIdentifier:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        known = set(identifier.nb_classes)
        identifier.set_languages(sorted({code for code in LANGUAGES if code in known}))
        return identifier

    def detect(self, text: str) -> str:
        """A BCP 47 language code: `fr` for a French press release, `en` when unsure; from
        the text's first `LOOKS_AT` characters."""
        language, probability = self._identifier.classify(text[:LOOKS_AT])
        return str(language) if probability >= CONFIDENCE else SITE_LANGUAGE
