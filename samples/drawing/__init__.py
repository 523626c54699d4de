"""One small kit for drawing test and demo documents, so every generator draws the same way.

- :mod:`samples.drawing.blocks`: what a document says (title, headings, paragraphs, list
  items, grids), with no drawing in it.
- :mod:`samples.drawing.pdf`: reportlab pieces: escaping, cell styles, ruled tables, status
  colours, a deterministic document and a running footer.
- :mod:`samples.drawing.check`: pdfplumber read-back that self-checks use to find what was
  drawn, and on which page.
"""
