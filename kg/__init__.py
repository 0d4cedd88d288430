"""aiinfra-kg: a knowledge graph of AI-infrastructure investment, with provenance."""

import hashlib
from pathlib import Path

__version__ = "0.1.0"


def _extraction_fingerprint() -> str:
    """A hash of the extractor's code and language data: a document extracted by other rules is
    stale even when the package version did not change, so `kg load` re-extracts it."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("extract/**/*.py"), *root.glob("extract/**/*.yaml"), root / "rdf.py"]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# What the provenance of every document graph records (ai:softwareVersion), e.g. "0.1.0+3f2a9c01d2e4".
SOFTWARE_VERSION = f"{__version__}+{_extraction_fingerprint()}"
