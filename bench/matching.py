"""Matching cost for 1k, 10k and 50k actions per version, two versions.

Generates a realistic plan (sections of about 40 actions, shared boilerplate such as
"Advertise posts" under many parents), makes a second version by rewording, renumbering,
dropping and adding actions, and times ``match_actions``. Prints a table with the time,
the links found, their accuracy against the known pairs, the growth exponent fitted on
log(time) against log(size), and appends it to bench/results.md.

    python bench/matching.py            # 1k, 10k, 50k
    python bench/matching.py 1000 5000  # other sizes
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time

from plandrift.compare.action_matching import match_actions

from report import heading, publish

VERBS = [
    "Review",
    "Audit",
    "Recruit",
    "Implement",
    "Publish",
    "Agree",
    "Embed",
    "Train",
    "Track",
    "Report on",
]
OBJECTS = [
    "risk assessments for children in need", "supervision of social workers", "pathway plans for care leavers",
    "strategy meetings with police and health", "the quality assurance framework", "placement sufficiency",
    "independent reviewing officer capacity", "the front door screening tool", "pre-proceedings tracking",
    "return home interviews", "management oversight of contacts", "the performance scorecard",
]  # fmt: skip
QUALIFIERS = [
    "in the south locality",
    "across all teams",
    "for disabled children",
    "within 24 hours",
    "monthly",
]
BOILERPLATE = [
    "Advertise posts",
    "Shortlist, interview and appoint",
    "Report progress to the Board",
]
LEADS = ["AD CSC", "HoS QA", "PSW", "HoS CP", "TMs", "DF/VL"]


def make_plan(size: int, rng: random.Random) -> list[dict]:
    actions = []
    for index in range(size):
        section = f"Section {index // 40 + 1}: {OBJECTS[(index // 40) % len(OBJECTS)]}"
        if index % 7 == 3:  # a sub-step sharing its words with many others
            text = BOILERPLATE[index % len(BOILERPLATE)]
            parent = actions[-1]["text"]
        else:
            text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)} ({index})"
            parent = None
        actions.append(
            {"text": text, "ref": f"{index // 40 + 1}.{index % 40 + 1}", "section": section,
             "parent_text": parent, "lead": rng.choice(LEADS), "key": index}
        )  # fmt: skip
    return actions


def next_version(plan: list[dict], rng: random.Random) -> list[dict]:
    later = []
    for action in plan:
        roll = rng.random()
        if roll < 0.05:
            continue  # dropped
        changed = dict(action)
        if roll < 0.15:
            changed["text"] = (
                changed["text"].replace("Review", "Carry out a review of").replace("(", "- ref ")
            )
        if roll < 0.25:
            changed["ref"] = changed["ref"] + "a"  # renumbered
        later.append(changed)
        if rng.random() < 0.05:
            later.append(
                {**action, "text": f"New action {rng.random():.6f}", "key": None, "ref": None}
            )
    return later


def run(size: int, repeats: int = 3) -> dict:
    rng = random.Random(size)
    before = make_plan(size, rng)
    after = next_version(before, rng)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        links = match_actions(before, after)
        times.append(time.perf_counter() - start)
    truth = {
        (before[i]["key"], j)
        for j, item in enumerate(after)
        for i in [item["key"]]
        if item["key"] is not None
    }
    found = {(before[link.from_index]["key"], link.to_index) for link in links}
    right = len(found & truth)
    return {
        "size": size,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "links": len(links),
        "precision": right / len(found) if found else 1.0,
        "recall": right / len(truth) if truth else 1.0,
    }


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000, 50000]
    rows = [run(size, repeats=3 if size <= 10000 else 1) for size in sizes]
    exponent = None
    if len(rows) > 1:
        xs = [math.log(row["size"]) for row in rows]
        ys = [math.log(row["median"]) for row in rows]
        mean_x, mean_y = statistics.mean(xs), statistics.mean(ys)
        exponent = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mean_x) ** 2 for x in xs
        )
    header = "| actions per version | median s | min s | max s | links | precision | recall | ratio to smallest |"
    lines = [header, "|" + "---|" * 8]
    for row in rows:
        ratio = row["median"] / rows[0]["median"]
        lines.append(
            f"| {row['size']:,} | {row['median']:.2f} | {row['min']:.2f} | {row['max']:.2f} | {row['links']:,} "
            f"| {row['precision']:.3f} | {row['recall']:.3f} | {ratio:.1f}x |"
        )
    note = f"growth exponent {exponent:.2f} (1.0 = linear)" if exponent is not None else ""
    publish([heading("Matching"), *lines, "", note])


if __name__ == "__main__":
    main()
