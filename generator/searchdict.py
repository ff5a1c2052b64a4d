"""The search user dictionary: names a reader types whole, so the Chinese segmenter keeps them whole.

The search index splits Chinese text into words with jieba, and a query matches words by
prefix. A department or matter name that jieba splits (测试区 / 财政局) could then never be
found by typing it in full; listing it here keeps it one word. Pure: names in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Terms of the disclosure policy and of service guides that readers search for as one word.
TERMS = (
    "政务公开",
    "办事指南",
    "办事流程",
    "设定依据",
    "申请条件",
    "申请材料",
    "法定时限",
    "承诺时限",
    "收费标准",
    "收费依据",
    "收费目录",
    "行政事业性收费",
    "收支两条线",
    "监督投诉",
    "效能投诉",
    "政风行风热线",
    "行政服务中心",
    "行政许可",
    "政府采购",
    "政府信息公开",
    "一次办结",
    "限时办结",
    "首问责任制",
    "服务承诺",
    "主办股室",
    "公开目录",
    "公开指南",
    "公开栏",
)

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans("", "", "《》〈〉“”\"'")


def user_dictionary(names: Iterable[str]) -> str:
    """A jieba user dictionary (one word a line) of the given names, law titles and the policy terms."""
    words: dict[str, None] = {}
    for name in (*TERMS, *names):
        word = _SPACE.sub("", name.translate(_BRACKETS))
        if len(word) >= 2:
            words.setdefault(word, None)
    return "".join(f"{w}\n" for w in sorted(words))
