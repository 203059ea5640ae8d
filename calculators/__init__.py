"""Calculators of the guide: pure Python, standard library only.

The same code runs on the server (pytest, the CLI, the build's pre-render) and in the
reader's browser (Pyodide in a Web Worker). See ``contract.py``.
"""
