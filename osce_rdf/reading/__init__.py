"""Saved pages -> records: navigation, metadata, datelines, dates, items, listing pages.

Plain typed values, no RDF (an import-linter contract keeps pyoxigraph and rdflib out)."""
