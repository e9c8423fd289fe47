"""What the commands do with a run: pipeline, reports, fixes, the Python API, the index."""
