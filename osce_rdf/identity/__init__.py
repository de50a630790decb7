"""Identity and vocabularies: namespaces, the IRIs of things (minted and parsed), slugs, RDF terms.

The lowest layer: everything else names things through it; it imports nothing of the stages above."""
