"""The language of an item: detected from its text, not assumed."""

from __future__ import annotations

import pyoxigraph as ox

from osce_rdf.identity.namespaces import term
from osce_rdf.package_data import PAGES_DIR
from osce_rdf.pipeline.page_pipeline import Pipeline
from osce_rdf.reading.languages import LOOKS_AT, SITE_LANGUAGE, LanguageDetector
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
