"""The demo documents of the fictional Northdene County Council, one module per document."""
