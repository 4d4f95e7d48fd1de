#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One results.json from several runs of mieux-actions-bench.

usage: bench/merge-runs.py MAIN.json OTHER.json... > bench/results.json

A million Actions take longer than the other sizes together, so they may come from a
run of their own (e.g. --sizes 100000 --million, which also gives the growth from
100,000 to 1,000,000 within one run). Each size is taken from the first file that has
it; targets, floors and scaling rows follow their size, except the growth targets,
which come from the run that measured both of their sizes. The result keeps every
run's date, machine, load and note under "runs", and each size says which run it
comes from ("run": index into "runs"). Ratios stay within one run: no figure of one
run is divided by a figure of another.
"""
import json
import sys


def main(paths):
    runs = [json.load(open(p)) for p in paths]
    out = dict(runs[0])
    out["runs"] = []
    taken = {}  # actions -> run index
    for i, run in enumerate(runs):
        out["runs"].append({k: run.get(k) for k in
                            ("program", "date", "machine", "note", "reps", "seed",
                             "load_average_at_end", "targets_failed")})
        for size in run["sizes"]:
            if size["actions"] not in taken:
                taken[size["actions"]] = i
    order = sorted(taken)
    out["sizes"] = []
    out["scaling"] = []
    out["floors"] = []
    out["targets"] = []
    for n in order:
        i = taken[n]
        size = dict(next(s for s in runs[i]["sizes"] if s["actions"] == n))
        size["run"] = i
        out["sizes"].append(size)
        out["scaling"] += [dict(r, run=i) for r in runs[i].get("scaling", []) if r["actions"] == n]
        out["floors"] += [dict(f, run=i) for f in runs[i].get("floors", []) if f["actions"] == n]
        out["targets"] += [dict(t, run=i) for t in runs[i]["targets"]
                           if t["actions"] == n and not t["target"].startswith("growth")]
    for i, run in enumerate(runs):
        growth = [dict(t, run=i) for t in run["targets"] if t["target"].startswith("growth")]
        if growth and not any(t["target"].startswith("growth") for t in out["targets"]):
            out["targets"] += growth
    # The growth column compares 1,000,000 with the 100,000 of the same run.
    if 1000000 in taken:
        base = [r for r in runs[taken[1000000]].get("scaling", []) if r["actions"] == 100000]
        if base:
            out["growth_base"] = dict(base[0], run=taken[1000000])
    out["targets_failed"] = sum(1 for t in out["targets"] if t["result"] == "fail")
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
