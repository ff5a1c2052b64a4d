"""Run every benchmark module in this package, one after another."""

from __future__ import annotations

import importlib
import pkgutil

import bench

for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
    if not info.name.startswith("_"):
        print(f"== bench.{info.name}")
        importlib.import_module(f"bench.{info.name}").main([])
