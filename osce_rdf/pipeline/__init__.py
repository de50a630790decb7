"""The build: one page through every stage (`page_pipeline`), a whole folder into a dataset
(`build`), the previous build as a cache, the embedded store, loading, the folder lock, and the
`validate` operation (which builds saved pages in memory first)."""
