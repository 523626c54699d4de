"""Comparison across dated versions of the same plan (lineage and slippage)."""
