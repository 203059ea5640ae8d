"""The content check in the editors' browser (Pyodide): its Python entry point and the files the build ships."""
