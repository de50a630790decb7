"""Every vocabulary the toolkit writes, and the prefixes outputs use: one place for each.

The ontology's own namespace is fixed (it is a public contract); the namespace of the data
(items, units, places...) derives from a configurable base, see `iris`.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["OSCE", "RDF_TYPE", "VOCABULARIES", "term"]

OSCE = "https://w3id.org/osce/ontology#"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"
VANN = "http://purl.org/vocab/vann/"
ITSRDF = "http://www.w3.org/2005/11/its/rdf#"
RDF_TYPE = RDF + "type"

# Vocabularies in the order their terms get short names in the JSON-LD context: when two
# vocabularies have a term of the same local name, the earlier one gets the short name.
VOCABULARIES = MappingProxyType(
    {
        "osce": OSCE, "schema": SCHEMA, "org": ORG, "skos": SKOS, "prov": PROV,
        "dcterms": DCTERMS, "dcat": DCAT, "void": VOID, "owl": OWL, "rdf": RDF, "rdfs": RDFS,
        "xsd": XSD, "sh": SH, "wd": WD, "vann": VANN, "itsrdf": ITSRDF,
    }
)  # fmt: skip


def term(prefixed: str) -> str:
    """`schema:headline` -> its full IRI.

    >>> term("schema:headline")
    'https://schema.org/headline'
    """
    prefix, local = prefixed.split(":", 1)
    return VOCABULARIES[prefix] + local
