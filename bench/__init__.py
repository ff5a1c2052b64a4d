"""Benchmarks: synthetic districts of any size, and the figures that track build speed."""
