"""Which language a run of Latin-script text is in: py3langid (langid.py's model on NumPy).

Non-Latin scripts name their language directly (kg.documents); Latin-script text needs a
statistical model. py3langid is deterministic and about 15x faster than langdetect, which
mattered: language identification was a third of the load time of a large corpus
(BENCHMARKS.md). The model is restricted to common written languages so that rare neighbours
("an" Aragonese for a Spanish headline, "wuu" for Chinese) never win.
"""

from __future__ import annotations

from functools import lru_cache

# Languages a news article in our corpora is plausibly written in; the packs' ones among them.
CANDIDATES = ["en", "de", "fr", "es", "pt", "it", "nl", "nb", "da", "sv", "fi", "pl", "cs", "ro", "hu",
              "tr", "id", "ms", "ca", "hr", "sk", "sl", "et", "lv", "lt", "vi", "ru", "uk", "zh", "ja",
              "ko", "ar", "he", "el", "hi"]
ALIASES = {"no": "nb", "nn": "nb"}


@lru_cache(maxsize=None)
def _identifier(candidates: tuple[str, ...]):
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=False)
    identifier.set_languages(["no" if c == "nb" else c for c in candidates])
    return identifier


def identify(text: str, candidates: list[str] | tuple[str, ...] | None = None) -> str | None:
    """The most likely language of `text` among `candidates` (default: CANDIDATES), or None."""
    chosen = tuple(sorted(set(candidates or CANDIDATES)))
    if not text.strip() or not chosen:
        return None
    code, _score = _identifier(chosen).classify(text)
    return ALIASES.get(code, code)
