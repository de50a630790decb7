"""`python -m osce_rdf` runs the command line."""

from .cli import main

main()
