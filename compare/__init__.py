"""Comparison of stored documents with one another, after they are stored: actions across the
versions of a plan (``action_matching``, ``changes``, ``threads``), findings against actions
and later findings (``finding_matching``, ``finding_links``), indicators over time
(``indicator_series``), and the committee report (``report``)."""
