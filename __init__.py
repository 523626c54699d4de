"""plandrift: a queryable history of council improvement plans, inspections and indicators.

The repository root is this package (setuptools maps ``plandrift`` onto it). Importing it
is cheap on purpose: spaCy and pdfplumber are only imported by the modules that use them,
so ``plandrift --help`` starts fast.
"""

__version__ = "0.1.0"

# Bump when extraction would give different rows for the same bytes, so that
# `plandrift reprocess --outdated` knows which documents to re-extract.
EXTRACTOR_VERSION = 5
