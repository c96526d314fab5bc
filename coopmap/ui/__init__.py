"""Presentation: colours, words, HTML, the table, the map and the timeline chart; also the page's
package loader (loading) and its response's Link header (preload)."""
