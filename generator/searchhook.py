"""mkdocs hook: the search plugin's Chinese word splits, remembered across builds in build/.

Material's search plugin cuts every run of Han characters of every page with jieba, about
half of a large build. A run always splits the same way under the same dictionaries, so
the splits are kept in `search-segments.json` beside mkdocs.yml, keyed by the jieba version
and the dictionaries' contents: a rebuild cuts only text it has not seen, and jieba (with
its one-second dictionary load) is started only then. The file keeps exactly the runs of the
last build. Loaded by path from the generated mkdocs.yml (`hooks:`), so it imports nothing
from the package.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.plugins import event_priority

CACHE_FILE = "search-segments.json"


class Segmenter:
    """Stands in for the jieba module inside the search plugin: `cut` answers from the cache, jieba only on a miss."""

    is_segment_cache = True  # mkdocs loads this file anew per config, so instances are told apart by this mark

    def __init__(self, jieba: ModuleType, cache: Path) -> None:
        self.jieba = jieba
        self.cache = cache
        self.dictionary: str | None = None
        self.userdicts: list[str] = []
        self.known: dict[str, list[str]] | None = None
        self.used: dict[str, list[str]] = {}
        self.ready = False
        self.cut_by_jieba = 0

    def set_dictionary(self, path: str) -> None:
        """Record the main dictionary; jieba gets it when first needed."""
        self.dictionary = path

    def load_userdict(self, path: str) -> None:
        """Record a user dictionary; jieba loads it when first needed."""
        self.userdicts.append(path)

    def key(self) -> str:
        """What the splits depend on: the jieba version and the dictionaries' contents."""
        h = hashlib.sha256(version("jieba").encode())
        for path in ([self.dictionary] if self.dictionary else []) + self.userdicts:
            h.update(b"\0" + Path(path).read_bytes())
        return h.hexdigest()

    def cut(self, sentence: bytes | str) -> list[str]:
        """jieba.cut's words for one run of Han characters."""
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        if self.known is None:
            self.known = read_cache(self.cache, self.key())
        words = self.used.get(text) or self.known.get(text)
        if words is None:
            words = list(self._jieba().cut(text))
            self.cut_by_jieba += 1
        self.used[text] = words
        return words

    def _jieba(self) -> ModuleType:
        if not self.ready:
            if self.dictionary:
                self.jieba.set_dictionary(self.dictionary)
            for path in self.userdicts:
                self.jieba.load_userdict(path)
            self.ready = True
        return self.jieba

    def save(self) -> None:
        """Write the runs of this build, unless they are exactly what the file already holds."""
        if not self.used or self.used == self.known:
            return
        data = {"key": self.key(), "runs": {run: " ".join(words) for run, words in sorted(self.used.items())}}
        tmp = self.cache.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.cache)


def read_cache(path: Path, key: str) -> dict[str, list[str]]:
    """The remembered splits, or none when the file is missing, unreadable or made under other dictionaries."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("runs"), dict):
        return {}
    return {run: words.split(" ") for run, words in data["runs"].items() if isinstance(words, str)}


def _search_module() -> Any:
    from material.plugins.search import plugin

    return plugin


@event_priority(100)  # before the search plugin hands its dictionaries to jieba
def on_config(config: Any) -> None:
    """Put a Segmenter in place of jieba in the search plugin (when jieba is installed at all)."""
    module = _search_module()
    current = module.jieba
    if current is None:
        return
    jieba = current.jieba if getattr(current, "is_segment_cache", False) else current
    module.jieba = Segmenter(jieba, Path(config.config_file_path).parent / CACHE_FILE)


def on_post_build(config: Any) -> None:
    """Keep this build's splits for the next one."""
    current = _search_module().jieba
    if getattr(current, "is_segment_cache", False):
        current.save()
