"""The benchmark corpus generator behind benchmarks/generate.py (see its docstring)."""
