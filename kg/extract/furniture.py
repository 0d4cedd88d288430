"""Page furniture: the parts of a news page that are not the story.

A page ends with links to other stories ("Also Read", "LES OGSÅ:", "관련기사", "اقرأ أيضاً") and
sometimes a quote box ("【個股行情】"); their headlines hold figures about other firms and days.
The packs list the headers (`furniture_headers`); a header alone on its line opens a block that
runs to the next blank line, and a line that opens with a header and a colon (or a bar, "Lire
aussi | ...") is one such link.
"""

from __future__ import annotations

import re

# brackets, quotes and the marks papers put before a header ("▽関連記事", "［関連記事］", "■ Related", "▶ 관련기사",
# "<관련기사>", "《相关阅读》")
_DECORATION = re.compile(r"^[\s【［〔\[(（«\"“▽▼△▲■□◆◇●○▶►▷※*#<>〈《|-]+|[\s】］〕\])）»\"”:：.…>〉》-]+$")


def _a_header_naming_its_site(name: str, blocks: set[str]) -> bool:
    """ "Related on The Rack Report", "More from Reuters": a short line that opens with a header,
    no digit in it and no sentence's end."""
    return (len(name) <= 48 and not re.search(r"\d|[.!?。]$", name)
            and any(name.startswith(h + " ") for h in blocks))


# "AMATA   24.90   +1.10   (+4.62%)": a ticker (capitals), then only numbers, signs and percentages
_QUOTE_ROW = re.compile(r"[A-Z][A-Z0-9.&-]{1,11}(?:\s+[+\-−]?[\d.,]+%?|\s+\([+\-−]?[\d.,]+%\))+")


def furniture_spans(text: str, headers: list[str], tools: list[str] = ()) -> list[tuple[int, int]]:
    """Character spans of `text` that are page furniture, by the packs' headers; `tools` ("Share",
    "分享") mark a line only when they open it (or one of its "|" parts) with a colon."""
    blocks = {h.casefold() for h in headers}
    wanted = blocks | {t.casefold() for t in tools}
    if not wanted:
        return []
    spans: list[tuple[int, int]] = []
    block_start = None
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        body = line.strip()
        if block_start is not None:
            if not body:  # a blank line ends the block
                spans.append((block_start, start))
                block_start = None
            continue
        if _QUOTE_ROW.fullmatch(body):
            spans.append((start, end))  # a stock box's row: a ticker, its price and change
            continue
        name = _DECORATION.sub("", body).casefold()
        if name in blocks or _a_header_naming_its_site(name, blocks):
            block_start = end
            continue
        # (the header may follow other page tools on the line: "字級：小 中 大　｜　分享：Facebook")
        for part in [line, *re.split(r"[|｜]", line)[1:]]:
            head = re.match(r"\s*[【\[]?([^:：】\]|]{2,40})[】\]]?\s*[:：|]", part)
            if head and head.group(1).strip().casefold() in wanted:
                spans.append((start, end))
                break
    if block_start is not None:
        spans.append((block_start, len(text)))
    return spans
