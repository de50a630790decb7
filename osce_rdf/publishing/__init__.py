"""The publishing side: a build as a static site, a server with content negotiation and a SPARQL
endpoint, Graph Store publishing, HTML pages and the ontology's documentation."""
