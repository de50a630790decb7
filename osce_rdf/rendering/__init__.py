"""Triples -> text: Turtle, TriG, N-Triples, JSON-LD with the generated context, the dump files,
exports, and the RDF files users give us read back."""
