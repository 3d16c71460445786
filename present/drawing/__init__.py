"""A chart drawn for taking away: one Scene (scene.py) painted as SVG, PNG or a tiled PDF."""
