"""SHACL validation: the engines, results located in the pages they came from, their messages
and the report formats."""
