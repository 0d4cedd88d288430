"""Direct speech, and the figures a speaker only imagines in it.

News quotes people: "If someone offered us 1,000 megawatts tomorrow we could fill it", «Se
volessimo affittare 100 megawatt...», „Wer heute 50 MW am Stück will, muss ...", 「仮に100万キロワッ
ト級を…」. Such a figure is a hypothesis, not a plan or a fact. A figure is dropped when it stands
inside quotation marks and the quoted part of its sentence opens a condition before it (the
pack's `hypothetical.before`: "if", "nobody", "wenn", "仮に", "لو") or closes one after it
(`hypothetical.after`: Korean "불가능", French "personne n'en voudrait"). Outside quotation
marks conditions are left alone: "said it would invest $5 billion if approved" reports a plan.
"""

from __future__ import annotations

import re

from .language import LanguagePack

# opening mark -> the marks that close it ("„...“" in German, "“...”" in English)
_CLOSERS = {"“": "”", "«": "»", "„": "“”", "「": "」", "『": "』", '"': '"', "‹": "›"}
# a paragraph that opens with a dash, where a pack says its press writes dialogue so (`dash_dialogue`)
_DASH_QUOTE = re.compile(r"[–—]\s")


def quote_spans(text: str, dash_dialogue: bool = False) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, paired within each paragraph (a quote left open
    runs to the paragraph's end, as multi-paragraph quotes do), and, with `dash_dialogue`,
    paragraphs that open with a dash ("– Hvis vi skulle bygget 500 MW her, ...")."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        start, end = pos, pos + len(paragraph)
        pos = end + 1
        if dash_dialogue and _DASH_QUOTE.match(paragraph.lstrip()):
            spans.append((start, end))
            continue
        opened, closers = None, ""
        for i, ch in enumerate(paragraph):
            if opened is None:
                if ch in _CLOSERS:
                    opened, closers = start + i + 1, _CLOSERS[ch]
            elif ch in closers:
                spans.append((opened, start + i))
                opened = None
        if opened is not None:
            spans.append((opened, end))
    return spans


def imagined(pack: LanguagePack, text: str, sentence_start: int, sentence_end: int,
             amount_start: int, amount_end: int, spans: list[tuple[int, int]]) -> bool:
    """The amount (document offsets) is inside a quote, within a condition the speaker opens."""
    quote = next(((s, e) for s, e in spans if s <= amount_start and amount_end <= e), None)
    if quote is None:
        return False
    before, after = pack.regex.get("hypothetical_before"), pack.regex.get("hypothetical_after")
    lo, hi = max(quote[0], sentence_start), min(quote[1], sentence_end)
    if re.search(r"[?？؟]", text[amount_end:hi]):
        return True  # a question the speaker quotes ("Could you do 500 megawatts tomorrow?") states nothing
    return bool((before is not None and before.search(text, lo, amount_start))
                or (after is not None and after.search(text, amount_end, hi)))
