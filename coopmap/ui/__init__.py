"""Presentation: colours, words, HTML, the table, the map and the timeline chart."""
