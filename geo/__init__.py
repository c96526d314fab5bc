"""World country polygons (Natural Earth via world-atlas) and their loader."""
