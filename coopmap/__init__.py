"""Reported security cooperation: the code behind the dashboard, in four layers, each importing only those
below it (plus i18n and paths), none importing streamlit (tests/test_layers.py): dataset (the package, read
and checked), the model here (filters, counts, claims), ui (colours, words, the map) and app (the page)."""
