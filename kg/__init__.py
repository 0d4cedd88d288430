"""aiinfra-kg: a knowledge graph of AI-infrastructure investment, with provenance."""

__version__ = "0.1.0"
