"""The query helper: where a query runs (`dataset`), the catalogue, parameters bound as RDF
terms, the guard that refuses updates, remote endpoints over HTTP, and result formats."""
