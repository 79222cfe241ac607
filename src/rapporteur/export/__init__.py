"""Exports of a Map: one module per format, each a plain function of the Map (``json`` is the contract)."""
