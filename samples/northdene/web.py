"""The council news page (HTML) and the board minutes (plain text)."""

from __future__ import annotations

import html

from samples.northdene.council import AD_CSC, CABINET, CHAIR, DCS, FICTION_NOTE, HOP, ORG, PSW_NAME
from samples.northdene.dashboard import (
    CONFLICT_KEY,
    CONFLICT_MONTH,
    CONFLICT_PROSE_VALUE,
    INDICATORS_BY_KEY,
)
from samples.northdene.plan import rag_counts, ref_of
from samples.northdene.report import REPORT_VERSION

# --------------------------------------------------------------------------
# HTML web update and plain-text minutes
# --------------------------------------------------------------------------

HTML_FILE = "northdene-improvement-update-2025-02-27.html"
HTML_TITLE = "Children's Services Improvement Plan Update – 27 February 2025"
MINUTES_FILE = "northdene-board-minutes-2025-02-24.txt"
MINUTES_TITLE = "Children's Improvement Board – minutes of 24 February 2025"


def html_page() -> str:
    """The council news page, with site chrome around the article."""
    counts = rag_counts(REPORT_VERSION)
    total = sum(c["total"] for c in counts.values())
    done = sum(c["Blue"] for c in counts.values())
    on_track = sum(c["Green"] for c in counts.values())

    def e(text: str) -> str:
        return html.escape(text, quote=False)

    highlights = [
        "A new screening tool in the multi-agency safeguarding hub means 96% of "
        "contacts are now screened by a qualified social worker within 24 hours.",
        "The maximum caseload in our assessment teams has fallen from 31 children "
        "in March 2024 to 24 in January 2025.",
        "88.5% of visits to children on child protection plans were within "
        "timescale in January 2025.",
        "Two additional Independent Reviewing Officer posts have been advertised.",
        "A retention payment for experienced social workers has been approved.",
    ]
    items = "\n".join(f"        <li>{e(h)}</li>" for h in highlights)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(HTML_TITLE)} | {e(ORG)}</title>
  <link rel="stylesheet" href="/assets/css/site.css">
  <!-- {e(FICTION_NOTE)} -->
</head>
<body>
  <div id="cookie-banner" class="cookie-banner" role="region" aria-label="Cookies">
    <p>We use some essential cookies to make this website work. We'd like to set
    additional cookies to understand how you use the site.</p>
    <button type="button" id="accept-cookies">Accept additional cookies</button>
    <button type="button" id="reject-cookies">Reject additional cookies</button>
    <a href="/cookies">View cookies</a>
  </div>
  <header class="site-header">
    <a class="logo" href="/">{e(ORG)}</a>
    <form class="search" action="/search" method="get">
      <label for="q">Search this site</label>
      <input id="q" name="q" type="search">
      <button type="submit">Search</button>
    </form>
  </header>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/bins-and-recycling">Bins and recycling</a></li>
      <li><a href="/council-tax">Council tax</a></li>
      <li><a href="/schools-and-education">Schools and education</a></li>
      <li><a href="/children-and-families">Children and families</a></li>
      <li><a href="/news">News</a></li>
    </ul>
  </nav>
  <nav class="breadcrumbs" aria-label="Breadcrumb">
    <a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Children's services
  </nav>
  <main id="content">
    <article class="news-article">
      <h1>{e(HTML_TITLE)}</h1>
      <p class="published">Published: 27 February 2025</p>
      <p>{e(CHAIR)}, independent chair of Northdene's Children's Improvement
      Board, has welcomed progress against the council's Children's Services
      Improvement Plan. The Board met on 24 February 2025 to review the plan,
      which was put in place after Ofsted's focused visit in October 2024.</p>
      <p>Of the {total} actions in the revised plan, {done} have been completed
      and {on_track} are on track. The Board agreed revised dates for a small
      number of actions and asked for a recovery plan for health assessments
      for children in care.</p>
      <p>Highlights reported to the Board include:</p>
      <ul>
{items}
      </ul>
      <p>{e(CABINET)}, Cabinet Member for Children and Families, said: "Our
      social workers are doing difficult work with real care, and these figures
      show that the extra investment is starting to make a difference. There is
      still a lot to do, and we will keep reporting our progress openly."</p>
      <p>The revised improvement plan will be published on this page in March
      2025. The next meeting of the Improvement Board is on 14 April 2025.</p>
    </article>
  </main>
  <footer class="site-footer">
    <ul>
      <li><a href="/accessibility">Accessibility statement</a></li>
      <li><a href="/privacy">Privacy notice</a></li>
      <li><a href="/contact-us">Contact us</a></li>
    </ul>
    <p>&copy; {e(ORG)} 2025. County Hall, Mercer Street, Northdene ND1 4QT.</p>
    <p class="fiction-note">{e(FICTION_NOTE)}</p>
  </footer>
  <script>
    (function () {{
      var banner = document.getElementById("cookie-banner");
      function hide(choice) {{
        document.cookie = "nd_cookie_choice=" + choice + "; path=/; max-age=31536000";
        banner.style.display = "none";
      }}
      document.getElementById("accept-cookies").onclick = function () {{ hide("all"); }};
      document.getElementById("reject-cookies").onclick = function () {{ hide("essential"); }};
      if (document.cookie.indexOf("nd_cookie_choice=") !== -1) {{ banner.style.display = "none"; }}
    }})();
  </script>
</body>
</html>
"""


def minutes_text() -> str:
    """Plain-text minutes of the 24 February 2025 board meeting."""
    supervision = ref_of("supervision_policy", 1)
    table_value = INDICATORS_BY_KEY[CONFLICT_KEY].months[CONFLICT_MONTH]
    return f"""NORTHDENE COUNTY COUNCIL
CHILDREN'S IMPROVEMENT BOARD

Minutes of the meeting held on Monday 24 February 2025, 10:00 - 12:30
Committee Room 2, County Hall, Northdene (and via Teams)

Present:
{CHAIR} - Independent Chair (JO)
{DCS} - Director of Children's Services (CB)
{AD_CSC} - Assistant Director, Children's Social Care (ME)
{CABINET} - Cabinet Member for Children and Families (HS)
Detective Superintendent Paul Gadsby - Northdene Police (PG)
Maria Santos - Designated Nurse, Integrated Care Board (MS)
{HOP} - Head of Performance (SV)

Apologies: {PSW_NAME} (Principal Social Worker)

1. Welcome, introductions and apologies
   The Chair welcomed members. Apologies were noted as above.

2. Minutes of the previous meeting (20 January 2025) and action log
   The minutes were agreed as an accurate record. All actions were complete
   apart from the health attendance data for strategy meetings, which is now
   included in the performance report.

3. Improvement Plan Progress Update
   ME presented the report. Members welcomed the go-live of the MASH screening
   tool and the reduction in assessment team caseloads (maximum 24 in January,
   down from 31 in March 2024). The Board challenged the lack of progress on
   the supervision policy (action {supervision}), which has missed its
   target date.
   The Board agreed the revised date for the section 47 audit (w/b 10/03/25)
   and agreed to remove the front door co-location pilot from the plan.
   Action: AD CSC to circulate the revised plan by 7 March 2025.

4. Performance report - January 2025
   SV presented the report. MS noted that review health assessments remain
   well below the England average and confirmed additional nurse capacity
   from April. Members noted that the commentary quoted assessment timeliness
   for December as {CONFLICT_PROSE_VALUE} while the table shows {table_value}.
   Action: Head of Performance to correct the commentary and re-issue the
   January performance report by 3 March 2025.

5. Workforce
   CB reported that the agency rate had fallen to 25% and that the retention
   payment had been approved. Members asked for exit interview themes to be
   reported to the next meeting.
   Action: AD CSC to report exit interview themes to the April Board.

6. Any other business
   None.

Date of next meeting: Monday 14 April 2025, 10:00, County Hall.

[{FICTION_NOTE}]
"""
