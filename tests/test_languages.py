"""The language of an item: detected from its text, not assumed."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest

from osce_rdf.identity.namespaces import term
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.reading.languages import LOOKS_AT, SITE_LANGUAGE, TOKEN_WINDOW, LanguageDetector
from osce_rdf.reading.pages import read_page

FRENCH = PAGES_DIR / "038_item_press-release-2014-vienne-fr.txt"


def test_the_french_sample_page_is_french(pipeline: Pipeline) -> None:
    """Its navigation and labels are English; its title and body are French."""
    (item,) = read_page(FRENCH, PAGES_DIR, content_types=pipeline.content_types).items
    graph = pipeline.graph(item)
    by_predicate = {t.predicate.value: t.object for t in graph.own if t.subject == graph.iri}
    assert by_predicate[term("schema:inLanguage")] == ox.Literal("fr")
    for text in ("schema:headline", "schema:articleBody", "schema:dateline"):
        found = by_predicate[term(text)]
        assert isinstance(found, ox.Literal) and found.language == "fr", text
    quotes = [t.object for t in graph.own if t.predicate.value == term("schema:text")]
    assert quotes and all(isinstance(q, ox.Literal) and q.language == "fr" for q in quotes)


def test_every_other_sample_item_is_english(pipeline: Pipeline) -> None:
    for page in sorted(PAGES_DIR.glob("*.txt")):
        if page == FRENCH:
            continue
        for item in read_page(page, PAGES_DIR, content_types=pipeline.content_types).items:
            assert pipeline.mapper.map_item(item).language == "en", item.title


def test_text_too_short_to_tell_is_in_the_site_language() -> None:
    detector = LanguageDetector()
    assert detector.detect("OSCE") == SITE_LANGUAGE
    assert (
        detector.detect("Совещание ОБСЕ по вопросам безопасности открылось сегодня в Вене") == "ru"
    )
    assert detector.detect("Die OSZE-Mission hat heute in Wien eine Konferenz eröffnet") == "de"


def test_a_long_text_is_told_by_its_opening() -> None:
    """A 10 MB body spent a quarter of its build in the classifier; the opening decides (it
    is far longer than any item), so what follows it, however long, changes nothing."""
    detector = LanguageDetector()
    french = "La Mission de l'OSCE a ouvert aujourd'hui une conférence à Vienne. " * 400
    english = "The OSCE Mission opened a conference in Vienna today. " * 20_000
    assert len(french) >= LOOKS_AT
    assert detector.detect(french + english) == "fr"


def test_the_model_is_read_from_the_cache_with_the_same_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decompressed model is written to the cache once, then read from it: the same
    model as py3langid's own loader gives (its xz decompression was most of a one-page build)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = LanguageDetector()._identifier
    (cached,) = (tmp_path / "osce-rdf").glob("py3langid-*.npz")
    written = cached.stat().st_mtime_ns
    again = LanguageDetector()._identifier
    assert cached.stat().st_mtime_ns == written
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    reference.set_languages(again.nb_classes)
    for identifier in (first, again):
        assert identifier.nb_classes == reference.nb_classes
        assert (identifier.nb_ptc == reference.nb_ptc).all()
        assert identifier.tk_nextmove == reference.tk_nextmove
        assert identifier.tk_output == reference.tk_output


def test_a_cache_that_cannot_be_written_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    detector = LanguageDetector()
    assert detector.detect("Die OSZE-Mission hat heute in Wien eine Konferenz eröffnet") == "de"


def test_the_features_and_scores_are_py3langid_s_to_the_bit() -> None:
    """The tokenizer walked over all positions at once (`_Tokens`) finds the features
    py3langid's byte-by-byte walk finds, as often and in the same order: the same scores, bit
    for bit, on the sample pages, their openings, and short strings of mixed scripts and
    lengths (Japanese kana hold the automaton's deepest states)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

    ours = LanguageDetector()._identifier
    theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    theirs.set_languages(ours.nb_classes)
    pages = [page.read_text(encoding="utf-8") for page in sorted(PAGES_DIR.glob("*.txt"))]
    letters = "ab dé Жя あります。 .,'\n-É€\U0001f600"
    rng = random.Random(17)
    texts = [
        "",
        "a",
        "É",
        *pages,
        *(page[:n] for page in pages for n in range(TOKEN_WINDOW + 2)),
        *("".join(rng.choice(letters) for _ in range(rng.randint(1, 40))) for _ in range(500)),
    ]
    for text in texts:
        encoded = theirs._encode(text)
        counted = visit_counts(theirs.tk_nextmove, theirs._rowbase, theirs.tk_output, encoded)
        found = ours.tokens.features(encoded)
        if counted is None:
            assert found is None, text[:60]
        else:
            assert found is not None, text[:60]
            assert found[0].tolist() == list(counted), text[:60]
            assert found[1].tolist() == list(counted.values()), text[:60]
        assert ours._decide(text).tobytes() == theirs._decide(text).tobytes(), text[:60]


def test_the_token_window_holds_the_model_s_longest_state() -> None:
    """`TOKEN_WINDOW` is at least the longest string a state of the tokenizer stands for: the
    length of its shortest path from the start state (breadth first over the automaton)."""
    tokens = LanguageDetector()._identifier.tokens
    depth = np.full(len(tokens.rowbase), -1)
    depth[0] = 0
    frontier, level = np.array([0]), 0
    while len(frontier):
        level += 1
        reached = np.unique(tokens.nextmove[(tokens.rowbase[frontier, None] + np.arange(256))])
        frontier = reached[depth[reached] < 0]
        depth[frontier] = level
    assert depth.min() == 0
    assert depth.max() <= TOKEN_WINDOW
