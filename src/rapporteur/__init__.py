"""rapporteur: rebuild the map of who argued what from the written record of a debate."""

__version__ = "0.1.0"
