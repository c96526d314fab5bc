"""Reported security cooperation: the code behind the dashboard, in four layers, each importing only
those below it (plus i18n and paths) and none importing streamlit (tests/test_layers.py holds the rule):
dataset (the package and shapes, read and checked), the model here (filters, permalink, counts, claims,
export), ui (colours, words, HTML, the map, the chart) and app (the page's state and plan, the loader).
"""
