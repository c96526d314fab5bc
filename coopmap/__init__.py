"""Reported security cooperation: the code behind the dashboard, in three layers.

coopmap.dataset reads and checks the data package and the country shapes; the modules at
this level (filters, state, permalink, counts, claims, export) model what a reader asked
for; coopmap.ui turns that into colours, words, HTML, the map and the chart. Each layer
imports only the ones below it, plus i18n and paths; nothing here imports streamlit
(tests/test_layers.py holds the rule).
"""
