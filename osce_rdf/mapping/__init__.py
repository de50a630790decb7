"""Records and findings -> RDF: an item's named graph, the reference graph, the dataset's description."""
