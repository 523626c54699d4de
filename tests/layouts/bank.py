"""What the generated plans say: fictional councils, titles, actions, leads, updates, outcomes.

Everything here is invented.  Council names are checked against no register but are made of
place-like words that no English council uses; people are initials or invented surnames.
Action texts are built from a hand-written list plus verb/object/qualifier pieces, so a
document of 30 actions and their sub-steps still gets distinct texts of varied length.
"""

from __future__ import annotations

COUNCILS = (
    "Northwold County Council",
    "Eastmarch Metropolitan Borough Council",
    "Saltmere City Council",
    "Harrowdale Borough Council",
    "Kestrel Vale District Council",
    "Westbrook and Ashby Council",
    "Calderholt County Council",
    "Fenmoor Unitary Council",
    "Oldcastle Metropolitan Borough Council",
    "Brackenridge County Council",
    "Thornmere Council",
    "Stourleigh Borough Council",
    "Greyhaven City Council",
    "Lindenfield County Council",
    "Marshby and Tolworth Council",
)

PLAN_TITLES = (
    "Children's Services Improvement Plan",
    "Ofsted Improvement Action Plan",
    "ILACS Improvement Plan",
    "Children's Social Care Improvement Plan",
    "Post-Inspection Action Plan",
    "Focused Visit Action Plan",
    "Improving Outcomes for Children: Action Plan",
    "Children's Services Practice Improvement Plan",
    "Safeguarding Improvement Action Plan",
)

# "{date}" is the document's date, printed in words.
DATE_LINES = (
    "Progress update: position as at {date}",
    "Position as at {date}",
    "Progress report to the Improvement Board, {date}",
    "Update for the Children's Improvement Board – {date}",
    "Progress as at {date}",
    "Status of actions at {date}",
)

INTROS = (
    "This plan sets out the actions agreed in response to the Ofsted inspection published on "
    "{other}. Each action has a lead and a target date, and its progress is reported to the "
    "Improvement Board.",
    "The actions below respond to the recommendations of the inspection of local authority "
    "children's services. The plan was first agreed on {other} and is reviewed monthly.",
    "Progress against each action is rated by the responsible lead and checked by the "
    "Performance and Quality Assurance team before each meeting of the board.",
    "This update replaces the version presented on {other}. Completed actions stay in the plan "
    "until the board agrees that their impact is sustained.",
)

# Hand-written action texts (short and long).
ACTIONS = (
    "Refresh the supervision policy and launch it with all team managers",
    "Audit 40 supervision records each month and report themes to the Practice Board",
    "Introduce a single front door screening tool in the MASH",
    "Review thresholds guidance with partners through the Safeguarding Partnership",
    "Ensure every care leaver has an up-to-date pathway plan that reflects their wishes",
    "Recruit two additional personal advisers for care leavers aged 21 to 25",
    "Track all cases in pre-proceedings under the Public Law Outline weekly",
    "Hold a legal gateway panel every week with legal services present",
    "Develop a placement sufficiency strategy for 2025 to 2028",
    "Increase the number of in-house foster carers through a targeted recruitment campaign",
    "Launch the new practice model training for all social workers",
    "Reduce agency social worker numbers through a market supplement and a retention offer",
    "Publish a revised quality assurance framework",
    "Carry out thematic audits of neglect cases and share learning at practice week",
    "Set up a young people's participation panel that meets every six weeks",
    "Ensure that the voice of the child is recorded in every assessment",
    "Complete return home interviews within 72 hours for all missing episodes",
    "Strengthen management oversight of child protection plans at review points",
    "Embed the use of chronologies in all long-term cases",
    "Review the local offer for care leavers with the Children in Care Council",
    "Develop a workforce development plan with clear career progression",
    "Introduce caseload monitoring dashboards for team managers",
    "Improve the timeliness of initial health assessments for children entering care",
    "Establish a multi-agency exploitation panel with police and health partners",
    "Re-commission the independent visitor service",
    "Review all children placed at a distance of more than 20 miles",
    "Strengthen the Independent Reviewing Officer escalation process",
    "Ensure disabled children's assessments are completed within 45 working days",
    "Deliver training on contextual safeguarding to all early help staff",
    "Introduce a step-up and step-down protocol between early help and social care",
    "Refresh the corporate parenting strategy with elected members",
    "Develop an edge-of-care service for adolescents at risk of entering care",
    "Ensure all children in care have a permanence plan by their second review",
    "Set up a fortnightly performance clinic for service managers",
    "Agree a joint protocol with housing for 16 and 17 year olds who are homeless",
    "Review the private fostering arrangements and raise awareness in schools",
    "Introduce practice observations as part of the annual appraisal for social workers",
    "Implement a new case recording system module for care leavers",
    "Evaluate the impact of family group conferences on entries to care",
    "Hold quarterly practice weeks led by the senior leadership team",
)

_VERBS = (
    "Review",
    "Strengthen",
    "Embed",
    "Develop",
    "Introduce",
    "Monitor",
    "Audit",
    "Improve",
    "Refresh",
    "Evaluate",
    "Agree",
    "Implement",
)
_OBJECTS = (
    "the quality of supervision for social workers in the assessment teams",
    "the timeliness of strategy discussions",
    "pathway planning for care leavers in custody",
    "the consistency of decision making at the front door",
    "management oversight in the children with disabilities service",
    "the use of the neglect toolkit by partner agencies",
    "the response to 16 and 17 year olds presenting as homeless",
    "the sufficiency of local residential placements",
    "recruitment and retention of experienced social workers",
    "the quality of child protection conference reports",
    "the participation of children in their reviews",
    "the recording of management decisions on the case file",
    "the offer of advocacy to children subject to child protection plans",
    "arrangements for children who go missing from care",
    "the quality of pre-birth assessments",
    "the tracking of children in unregistered placements",
    "the use of data in team performance meetings",
    "the sharing of learning from local child safeguarding practice reviews",
    "the stability of placements for children aged under 12",
    "the health offer for care leavers",
    "the private law and court work of the family court team",
    "the quality of assessments of connected carers",
    "the induction of newly qualified social workers",
    "the use of interpreters in assessments",
)
_QUALIFIERS = (
    "",
    "",
    "",
    " across all localities",
    " with partner agencies",
    ", reporting to the Improvement Board",
    " so that practice is consistently good",
    " and report progress to the Corporate Parenting Board",
    ", with a focus on children under five",
    " through monthly dip sampling by service managers",
    " in line with the revised practice standards",
    ", building on the learning from the focused visit",
)
# Added to some texts when rows are long, so that action cells run over several lines.
LONG_TAILS = (
    " This will include a review of current caseloads, a refreshed induction programme and "
    "quarterly reporting of themes to the senior leadership team and the Improvement Board.",
    " The work will be co-produced with children and young people, foster carers and partner "
    "agencies, and findings will be shared through practice weeks and the learning bulletin.",
    " Service managers will check compliance through monthly dip sampling, and the Principal "
    "Social Worker will report the themes from audit and feedback to the Practice Board.",
    " Progress will be tracked through the performance dashboard, with exceptions escalated "
    "to the Director of Children's Services at the monthly performance clinic.",
)

SUBSTEPS = (
    "Draft the revised guidance",
    "Consult team managers and partners",
    "Agree the final version at the Practice Board",
    "Deliver briefings to all staff",
    "Audit compliance after three months",
    "Update the case recording forms",
    "Report the findings to the Improvement Board",
    "Commission the training provider",
    "Agree the data set with the performance team",
    "Publish the revised procedure on the intranet",
    "Hold workshops with partner agencies",
    "Review the impact with children and families",
)

LEADS = (
    "Head of Service, Children in Care",
    "Principal Social Worker",
    "AD Safeguarding",
    "Service Manager – MASH",
    "Head of Service, Care Leavers",
    "Director of Children's Services",
    "Head of Quality Assurance",
    "AD Children's Social Care",
    "Workforce Development Manager",
    "Head of Early Help",
    "Service Manager, Fostering",
    "Head of Commissioning",
    "Legal Services Manager",
    "Participation Lead",
    "Head of Performance and Intelligence",
    "J. Okafor, Head of Service",
    "R. Lindqvist (PSW)",
    "M. Achebe – Service Manager, Assessment",
    "S. Varga, AD Safeguarding",
    "HoS CIC / HoS CL",
    "T. Ferreira",
    "DCS",
    "Head of Service, Front Door and Assessment",
    "K. Abernethy and L. Mensah",
)

UPDATES = (
    "Policy drafted and consulted on with team managers. Reviewed on {d1}.",
    "Training delivered to 85% of staff; remaining sessions booked.",
    "Audit completed on {d1}; findings reported to the Practice Board.",
    "Recruitment campaign launched. Two offers made, start dates agreed.",
    "Slippage due to staffing pressures. Revised plan agreed at the board on {d1}.",
    "Dashboard in place and reviewed weekly by service managers.",
    "Not yet started: dependent on the new case recording system.",
    "Protocol signed off by all partners. Impact to be reviewed at the next audit cycle.",
    "Good progress. Dip sample on {d1} found 78% of plans were up to date.",
    "Panel has met three times since {d1}. Attendance from health remains a challenge.",
    "Some delay: procurement completed later than planned. Contract awarded on {d1}.",
    "Completed and embedded; evidence of impact seen in the latest audit.",
    "Work has started with the Children in Care Council.",
    "Remains a risk; escalated to the DCS on {d1}.",
    "",
)
LONG_UPDATE_TAIL = (
    " Team managers have confirmed that the new approach is used in supervision, and the "
    "quality assurance team will test this in the thematic audit planned for the next quarter. "
    "Feedback from practitioners has been positive, although capacity in two localities "
    "remains stretched because of vacancies."
)

MEASURES = (
    "90% of supervision records audited as good or better",
    "All care leavers have a current pathway plan",
    "Reduction in re-referrals within 12 months to below 20%",
    "Caseloads average no more than 18 children",
    "Audit grades: 70% good or better",
    "Agency staff below 15% of the workforce",
    "Initial health assessments within 20 working days for 85% of children",
    "Children report that they feel listened to",
)

OUTCOMES = (
    "Children benefit from consistent, reflective supervision of their social workers",
    "Care leavers are well supported into adulthood and live in suitable homes",
    "Children at risk of harm are identified and protected quickly",
    "Children live in stable homes close to their families and schools",
    "Children are supported by a stable, skilled and well-managed workforce",
    "Leaders know the quality of practice and act on what they find",
    "Children's voices shape the services they receive",
)

THEMES = (
    "Leadership and management",
    "Quality of practice",
    "Workforce",
    "Care leavers",
    "The front door",
    "Children in care",
    "Participation",
    "Quality assurance and performance",
    "Partnership working",
    "Permanence",
)

# Short tags printed in a per-row "Theme" column (a distractor, never the section).
THEME_TAGS = ("Practice", "Workforce", "Partnership", "Voice of the child", "Sufficiency", "QA")

# Top-level section names; "nested" subgroups come from SUBGROUPS.
SECTIONS = (
    "Leadership and management",
    "Help and protection",
    "Children in care",
    "Care leavers",
    "Workforce and practice",
    "Quality assurance and performance",
    "Partnership and the front door",
    "Participation and the voice of the child",
    "Placement sufficiency",
    "Permanence and court work",
)
SUBGROUPS = (
    "Care leavers",
    "Children in care",
    "Front door and MASH",
    "Assessment",
    "Child protection",
    "Fostering",
    "Court work and PLO",
    "Supervision",
    "Audit",
    "Recruitment",
    "Disabled children",
    "Exploitation and missing",
)
RECOMMENDATIONS = (
    "The quality and impact of supervision",
    "Pathway planning and support for care leavers",
    "Management oversight of children in pre-proceedings",
    "The consistency of threshold decisions at the front door",
    "Sufficiency of placements for children in care",
    "The stability and capacity of the workforce",
    "The use of audit to improve practice",
    "Children's participation in their plans",
)

# ----------------------------------------------------------------------------------- figures
# Figures the plans state, and the truth each one carries (see figures.py).  Where a wording
# was seen: ``seed 000`` is the Devon improvement-plan update (../shared/seeds/000_*.txt: a
# "Performance Measure" column holding "93.3% recorded using VTT", "95% of judgements confirmed
# post moderation", "IROs report that in 96% (700/727) relevant cases a Permanence Plan is now
# in place"; updates "Eclipse currently reports that 30% have a PP"); ``seed 001`` the Medway
# board report ("5. Summary of progress": a table of plan sections x "Total number of actions |
# Blue - completed | Green – on track | Amber – some progress but slippage | Red – not
# progressed as planned"; "The maximum caseload in the assessment teams was 46 in March 19";
# "statutory visits had already improved pre Covid to 90% in timescales"); ``seed 002`` the
# Devon focused-visit progress report ("of 45 cases randomly audited in August ... 76% (34)
# had an assessment updated"); ``seed 003`` the Devon performance report (rates per 10,000,
# "% Care Leavers in suitable Accommodation"); ``seed 004`` the Devon web update ("36% of
# children subject of a protection plan").  "common" means common in council plans and board
# reports (general knowledge, not seen in the shared files).
#
# The *_HELD_OUT wordings are plausible ones that the extractor's patterns were not written
# against: a figure printed with one is marked ``held_out`` in the truth and scored apart.
#
# Existing texts above that state a figure, with the figure's truth: (name, value, unit,
# series); "{d1}" in an update dates its figure to that day's month.  Spelled-out numbers
# ("three times", "Two offers") are not labelled: plandrift reads figures written in digits.
UPDATE_FIGURES: dict[str, tuple[tuple[str, float, str, str], ...]] = {
    "Training delivered to 85% of staff; remaining sessions booked.": (
        ("staff trained", 85, "%", "actual"),
    ),
    "Good progress. Dip sample on {d1} found 78% of plans were up to date.": (
        ("plans up to date", 78, "%", "actual"),
    ),
}
MEASURE_FIGURES: dict[str, tuple[tuple[str, float, str, str], ...]] = {
    "90% of supervision records audited as good or better": (
        ("supervision records audited as good or better", 90, "%", "actual"),
    ),
    "Reduction in re-referrals within 12 months to below 20%": (
        ("re-referrals within 12 months", 20, "%", "target"),
    ),
    "Caseloads average no more than 18 children": (("caseloads average", 18, "count", "target"),),
    "Audit grades: 70% good or better": (("audit grades good or better", 70, "%", "actual"),),
    "Agency staff below 15% of the workforce": (
        ("agency staff share of the workforce", 15, "%", "target"),
    ),
    "Initial health assessments within 20 working days for 85% of children": (
        ("children with initial health assessments within 20 working days", 85, "%", "actual"),
    ),
}

# What a percentage is of: (plural noun, what holds for the share, where seen).  The truth
# name is "noun predicate".
PERCENT_SUBJECTS = (
    (
        "statutory visits",
        "completed within timescale",
        "seed 001 'statutory visits ... to 90% in timescales'",
    ),
    ("children in care", "visited within timescale", "common (statutory visits)"),
    (
        "single assessments",
        "completed within 45 working days",
        "common (the statutory 45 working days)",
    ),
    ("supervision records", "audited as good or better", "bank.MEASURES"),
    (
        "care leavers",
        "in suitable accommodation",
        "seed 003 '% Care Leavers in suitable Accommodation'",
    ),
    ("child protection plans", "reviewed on time", "common"),
    ("pathway plans", "up to date", "bank.UPDATES 'found 78% of plans were up to date'"),
    ("children", "seen alone at their last visit", "common"),
    ("return home interviews", "offered within 72 hours", "bank.ACTIONS"),
    (
        "judgements",
        "confirmed after moderation",
        "seed 000 '95% of judgements confirmed post moderation'",
    ),
    (
        "relevant cases",
        "covered by a permanence plan",
        "seed 000 'in 96% (700/727) relevant cases a Permanence Plan'",
    ),
    ("risk assessments", "recorded on the tracking tool", "seed 000 '93.3% recorded using VTT'"),
    ("strategy discussions", "held within one working day", "common"),
)
# Percentages named by a subject of their own ("The re-referral rate fell to 18%").
PERCENT_NAMES = (
    ("re-referral rate", "common (re-referrals within 12 months)"),
    ("agency staffing rate", "common"),
    ("social worker turnover", "common"),
    ("timeliness of initial health assessments", "seed 003 (health assessments)"),
    ("proportion of children seen alone", "common"),
    ("completion of pathway plans", "common"),
)
# Things counted: (plural noun phrase, what happened to them, where seen).
COUNT_SUBJECTS = (
    ("new foster carers", "approved", "bank.ACTIONS (foster carer recruitment)"),
    ("social workers", "recruited", "common"),
    ("case file audits", "completed", "seed 001 'Over 400 cases have been audited'"),
    ("families", "supported by the edge of care team", "seed 001 (Edge of Care Team)"),
    ("staff", "trained in the practice model", "bank.UPDATES (training)"),
    ("posts", "filled", "seed 000 '# PAs appointed'"),
    ("personal advisers", "appointed", "seed 000 'Redeploy 10 identified staff as PAs'"),
    ("children", "placed more than 20 miles from home", "bank.ACTIONS 'more than 20 miles'"),
    ("missing episodes", "followed by a return home interview", "bank.ACTIONS"),
    ("team managers", "trained in supervision", "common"),
)
# Nouns not in the extractor's list of counted things (held out).
COUNT_SUBJECTS_HELD_OUT = (
    ("apprentices", "started on the social work degree", "common"),
    ("practice educators", "accredited", "common"),
    ("mentors", "matched with care leavers", "common"),
)
# Whose average caseload: the truth name is the printed subject.
CASELOAD_TEAMS = (
    "the assessment teams",
    "the children in care teams",
    "the leaving care service",
    "the disabled children's team",
    "the court team",
)
# Rates per 10,000 children: (subject as printed, where seen).
RATE_SUBJECTS = (
    ("rate of children in care", "seed 003 'CiC starts (per 10,000)'"),
    ("rate of children subject to a child protection plan", "seed 003"),
    ("rate of referrals", "seed 003 'Referrals to children's social care (per 10,000)'"),
    ("rate of children in need", "seed 003"),
)

# Sentence shapes: {v} the value, {m} the whole of "N of M", {t} a target, {noun}/{pred} the
# subject, {name} a named subject, {when} a month after the figure (" in May"), {opening} one
# before it ("In May, "); each with where it was seen.  Cells of the measure column.
MEASURE_TEMPLATES = {
    "percent": (
        ("{v}% of {noun} {pred}", "seed 000 '95% of judgements confirmed post moderation'"),
        ("{Noun} {pred}: {v}%", "common"),
        ("{v}% of {noun} {pred} (target {t}%)", "common (target beside the value)"),
        ("Target: {t}% of {noun} {pred}", "common"),
    ),
    "count": (
        ("{v} of {m} {noun} {pred}", "seed 000 '700/727'; common"),
        ("{Noun} {pred}: {v}", "common"),
    ),
    "caseload": (
        ("Average caseload in {team}: {v}", "seed 001 'with an average of 20'"),
        (
            "Average caseload no more than {t} children",
            "bank.MEASURES 'Caseloads average no more than 18'",
        ),
    ),
    "rate": (
        ("{Name}: {v} per 10,000", "seed 003"),
        ("{Name} below {t} per 10,000 children", "common"),
    ),
}
# Cells of the progress update column (a sentence, appended to the update).
UPDATE_TEMPLATES = {
    "percent": (
        (
            "{v}% of {noun} were {pred}{when}.",
            "seed 004 '36% of children subject of a protection plan'",
        ),
        ("{opening}{v}% of {noun} were {pred}.", "common"),
        (
            "The proportion of {noun} {pred} {verb} {v}%{when}.",
            "seed 001 'statutory visits ... to 90%'",
        ),
        ("The {name} {verb} {v}%{when}.", "seed 001; common"),
        ("{v}% ({k}/{m}) of {noun} were {pred}{when}.", "seed 000 '96% (700/727)'"),
        ("{Noun} {pred}: {v}% against a target of {t}%.", "common"),
    ),
    "count": (
        ("{v} {noun} {pred}{when}.", "common"),
        ("{v} {noun} have been {pred} so far.", "common"),
        ("{v} of {m} {noun} have been {pred}.", "seed 000; common"),
        ("{v} out of {m} {noun} {pred}{when}.", "common"),
        ("{opening}{v} {noun} were {pred}.", "common"),
    ),
    "caseload": (
        ("Caseloads averaged {v} children{when}.", "seed 001 'with an average of 20'"),
        (
            "The average caseload in {team} was {v} children{when}.",
            "seed 001 'The maximum caseload in the assessment teams was 46 in March 19'",
        ),
        ("Average caseload in {team} is now {v}.", "common"),
    ),
    "rate": (
        ("The {name} was {v} per 10,000{when}.", "seed 003"),
        ("{opening}the {name} stood at {v} per 10,000 children.", "seed 003"),
    ),
}
UPDATE_TEMPLATES_HELD_OUT = {
    "percent": (
        ("{v} per cent of {noun} were {pred}{when}.", "Ofsted letters write 'per cent'"),
        ("Performance on {noun} {pred} has plateaued at {v}%{when}.", "common"),
    ),
    "count": (("A total of {v} {noun} were {pred}{when}.", "common"),),
    "caseload": (("Caseloads now sit at about {v} per worker{when}.", "common"),),
    "rate": (("The {name} is {v} per 10k{when}.", "dashboards abbreviate 10,000"),),
}
# How an update moves a percentage ("fell to 18%").
PERCENT_VERBS = ("fell to", "rose to", "improved to", "was", "is now", "stood at", "reached")
# Month phrases: after the figure, and opening the sentence ({month} named, {year} sometimes).
WHEN_AFTER = (
    " in {month}",
    " in {month} {year}",
    " at the end of {month}",
    " as at {month} {year}",
)
WHEN_OPENING = ("In {month}, ", "At the end of {month}, ", "In {month} {year}, ")

# Sentences with numbers that are not figures: dates, references, durations, distances, ages,
# years and telephone numbers (no truth).  Seen: "Tel: 01392 383000" (seed 002), "Call 0345
# 155 1071" (seed 004), "Tiers 3 and 4" (seed 001), paragraph numbers "4.1" (seed 002).
DISTRACTORS = (
    "See action {ref} for the related training.",
    "Contact the performance team on 01632 960{phone} for the data.",
    "Funding agreed for 2025/26.",
    "Section 47 enquiries are now tracked weekly.",
    "Reviewed every 6 weeks at the performance clinic.",
    "Work will continue with young people aged 16 to 25.",
    "Reported to the board on {d1}; see page {page} of the board pack.",
    "Phase 2 begins after the pilot in two localities.",
    "Assessments are to be completed within 45 working days.",
    "Support for Tiers 3 and 4 is being recommissioned.",
)

# ------------------------------------------------------------------------- status summaries
# The status summary a plan prints before or after its table: counts of actions by status.
SUMMARY_HEADINGS = (
    ("Summary of progress", "seed 001 '5. Summary of progress'"),
    ("Progress at a glance", "common"),
    ("Overview of RAG ratings", "common"),
    ("Summary of action status", "common"),
)
SUMMARY_INTROS = (
    "The table below shows the RAG ratings for actions in each section of the plan.",  # seed 001
    "The position of the actions in each part of the plan is summarised below.",
    "",
)
# Column words for complete / on track / at risk / off track, as whole vocabularies.
SUMMARY_COLUMNS = {
    "colours": (("Blue", "Green", "Amber", "Red"), "common (BRAG)"),
    "medway": (
        (
            "Blue - completed",
            "Green – on track",
            "Amber – some progress but slippage",
            "Red – not progressed as planned",
        ),
        "seed 001",
    ),
    "phrases": (("Complete", "On track", "At risk", "Off track"), "common"),
    "ratings": (("Completed", "On target", "Some slippage", "Not on target"), "common"),
}
SUMMARY_COLUMNS_HELD_OUT = {
    "held_letters": (("B", "G", "A", "R"), "common (BRAG letters)"),
    "held_words": (("Achieved", "Progressing", "Slipping", "Stalled"), "common"),
}
SUMMARY_TOTALS = ("Total", "Total number of actions", "Total actions", "No. of actions")
SUMMARY_CORNERS = ("Section of Plan", "Recommendation", "Theme", "Priority", "Area of the plan", "")
SUMMARY_TOTAL_ROWS = ("Total", "Overall", "All sections")
# Bulleted counts: {n} the count, {phrase} the status as the bullet words it, {total} all.
STATUS_PHRASES = {
    "complete": ("complete", "completed", "rated Blue (complete)"),
    "on_track": ("on track", "rated Green (on track)"),
    "at_risk": ("at risk", "rated Amber (some slippage)"),
    "off_track": ("off track", "rated Red (off track)"),
}
# (bullet, its truth name, where seen).
BULLET_TEMPLATES = (
    ("{n} actions are {phrase}", "actions {phrase}", "common"),
    ("{n} of the {total} actions are {phrase}", "actions {phrase}", "common"),
    ("{Phrase}: {n} actions", "{Phrase} actions", "common"),
    ("{Phrase}: {n}", "{Phrase}", "common"),
)
BULLET_TEMPLATES_HELD_OUT = (
    ("{n} milestones are {phrase}", "milestones {phrase}", "common"),
    ("{Phrase} – {n} of {total}", "{Phrase}", "common"),
)
BULLET_TOTALS = (
    ("Of the {total} actions in the plan:", "common"),
    ("The plan has {total} actions.", "common"),
    ("", ""),
)
