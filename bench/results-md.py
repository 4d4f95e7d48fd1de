#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench/RESULTS.md from the JSON of mieux-actions-bench (bench/results.json).

usage: bench/results-md.py bench/results.json > bench/RESULTS.md

Everything but the hand-written notes at the end (bench/RESULTS-notes.md, appended
as they are) comes from the JSON: the targets per size, the growth from 100,000 to
1,000,000 Actions, LibreOffice Calc and the naive search beside ours, the floors,
and the figures of each size.
"""
import json
import os
import sys


def med(stats):
    if not isinstance(stats, dict) or stats.get("n", 0) == 0:
        return "—"
    return fmt(stats["median"])


def rng(stats):
    if not isinstance(stats, dict) or stats.get("n", 0) == 0:
        return "—"
    return f"{fmt(stats['median'])} ({fmt(stats['min'])}–{fmt(stats['max'])}, n={stats['n']})"


def fmt(v):
    if v is None or (isinstance(v, (int, float)) and v < 0):
        return "—"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    if abs(v) >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def size_name(n):
    return f"{n:,}"


HOW_TO_RUN = """\
## How to run it

```sh
build-aux/dev bench --svg bench/scaling.svg > bench/results.json   # 1k, 10k, 100k (≈ 10 min)
build-aux/dev bench --million --svg bench/scaling.svg > bench/results.json  # and 1M (≈ 15 GB of disk, ≈ 30 min more)
bench/results-md.py bench/results.json > bench/RESULTS.md           # this file
build/bench/mieux-actions-bench --sizes 1000 --quick                # a smoke run (what meson test runs)
build/bench/mieux-actions-bench --draw bench/results.json --svg x.svg   # redraw the picture only
build/bench/mieux-actions-bench --dir /tmp/b --reuse-db             # keep and reuse the databases
build/tests/lib/mieux-actions-generate PATH N [SEED] [--plain]      # one database
```

The program prints **one JSON object** on stdout (progress on stderr): per size the
median, min, max and n of every figure, then `scaling` (the figures drawn in the
picture), `floors` (each floor measured in the same run) and `targets`, one row per
target and size with value, limit and ok/fail. Figures are wall-clock milliseconds
(`CLOCK_MONOTONIC`), 21 timed runs after 2 warm-ups (fewer, at least 3, when a figure
would take over 10 s). Window figures are separate processes of the same program
(`--child bare|app`) under Xvfb 1280×800×24 without a window manager, with
`GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory`; the GL renderer (Mesa
llvmpipe, no GPU) is reported for information up to 100,000. Without a display the
program re-executes itself under `dbus-run-session -- xvfb-run`. Timed checks stay
out of `meson test`: it runs the 1,000-Action size once (`--quick`, test
`bench-smoke`, suite `bench`) and judges no time.

LibreOffice Calc (`soffice`, Debian package `libreoffice-calc-nogui`) is needed only
for the side-by-side figure; without it that row reads "not measured" with a note.
CI does not run the benchmark, so it is not in `build-aux/debian-packages.txt`.

Data: `tests/lib/ma-generate.c`, shared with the tests, writes a database through the
real schema from a seed (same seed, same database): regions weighted
25/20/25/20/10 %, 1–5 countries of the region, 1–3 themes, 0–10 partners out of N/8,
0–30 activities with partial dates, titles and summaries in English, French and
Spanish with accents (about half the Actions translated into one or two other
languages), partial start/end dates. One transaction of prepared INSERTs for the
rows, then a second that fills the full-text index from its view. Its floor is the
same rows without the full-text index and triggers.
"""


def targets_table(run, sizes):
    rows = {}
    order = []
    for t in run["targets"]:
        if t["target"] not in rows:
            rows[t["target"]] = {}
            order.append(t["target"])
        rows[t["target"]][t["actions"]] = t
    out = ["| target | " + " | ".join(size_name(n) for n in sizes) + " |",
           "|---|" + "---|" * len(sizes)]
    notes = []
    for name in order:
        cells = []
        for n in sizes:
            t = rows[name].get(n)
            if t is None:
                cells.append("")
                continue
            result = t["result"]
            mark = "**ok**" if result == "ok" else "**FAIL**" if result == "fail" else result
            limit = t["limit"].replace("<=", "≤")
            cells.append(f"{fmt(t['value'])} ({limit}) {mark}")
            if t.get("note"):
                notes.append(f"{name}, {size_name(n)}: {t['note']}")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out.append("")
    for note in notes:
        out.append(f"- {note}")
    if notes:
        out.append("")
    return out


def growth_table(run):
    scaling = {row["actions"]: row for row in run.get("scaling", [])}
    sizes = sorted(scaling)
    figures = [
        ("open_ms", "opening the database"),
        ("index_load_ms", "index load (a worker thread in the window)"),
        ("first_full_list_core_ms", "first full list: model of all Actions from the index"),
        ("list_window_ms", "first full list in the window, after start"),
        ("rows_shown_ms", "window: list shows Actions, after start"),
        ("first_frame_ms", "window: first frame"),
        ("keystroke_ms", "search keystroke, worst of 3+ letters"),
        ("facet_ms", "facet change, worst"),
        ("generate_ms", "generator"),
        ("import_ms", "CSV import"),
        ("memory_delta_mib", "peak memory over the bare window (MiB)"),
    ]
    out = ["| figure, ms | " + " | ".join(size_name(n) for n in sizes) +
           (" | 100k → 1M |" if 100000 in scaling and 1000000 in scaling else " |"),
           "|---|" + "---|" * len(sizes) +
           ("---|" if 100000 in scaling and 1000000 in scaling else "")]
    # The 100,000 of the run that measured 1,000,000 (runs merged by merge-runs.py).
    base = run.get("growth_base", scaling.get(100000))
    for key, label in figures:
        cells = [fmt(scaling[n].get(key)) for n in sizes]
        line = f"| {label} | " + " | ".join(cells) + " |"
        if 100000 in scaling and 1000000 in scaling:
            a, b = base.get(key), scaling[1000000].get(key)
            line += f" {fmt(b / a)}× |" if a and b and a > 0 and b > 0 else " — |"
        out.append(line)
    out.append("")
    return out


def side_by_side(run):
    out = ["| Actions | our CSV import | LibreOffice Calc opens the same CSV (and saves .ods) | ratio |",
           "|---|---|---|---|"]
    any_calc = False
    for size in run["sizes"]:
        c = size.get("libreoffice_calc")
        if not c:
            continue
        any_calc = True
        ratio = f"{fmt(c['ratio'])}×" if "ratio" in c else c.get("note", "—")
        out.append(f"| {size_name(size['actions'])} | {fmt(c.get('our_import_ms'))} ms | "
                   f"{rng(c.get('open_and_save_ms'))} ms | {ratio} |")
    out.append("")
    if not any_calc:
        out = ["LibreOffice Calc was not measured in this run.", ""]
    out.append("Search: our keystroke (list model updated, index + FTS5) beside SQLite's "
               "`SELECT id FROM action WHERE title LIKE '%term%'` over the titles alone, the "
               "substring scan a spreadsheet's filter does; worst median over `pro`, `prot`, "
               "`mig`, `migr`, `fro`, `fron`, `réi`, `réin`:")
    out.append("")
    out.append("| Actions | our keystroke, ms | naive LIKE, ms | naive / ours |")
    out.append("|---|---|---|---|")
    for size in run["sizes"]:
        ns = size.get("naive_search")
        if not ns:
            continue
        ours, naive = ns.get("our_worst_keystroke_ms"), ns.get("worst_median_ms")
        ratio = f"{naive / ours:.0f}×" if ours and naive and ours > 0 else "—"
        out.append(f"| {size_name(size['actions'])} | {fmt(ours)} | {fmt(naive)} | {ratio} |")
    out.append("")
    return out


def floors_table(run):
    out = ["| Actions | floor | value |", "|---|---|---|"]
    for f in run.get("floors", []):
        out.append(f"| {size_name(f['actions'])} | {f['floor']} | {fmt(f['value'])} {f['unit']} |")
    out.append("")
    return out


def size_details(size):
    out = []
    n = size["actions"]
    out.append(f"### {n:,} Actions\n")
    g = size["generate"]
    if g["actions"] == 0:
        out.append(f"Database generated earlier with the same seed ({g.get('note')}); "
                   f"file {fmt(g.get('file_mib'))} MiB.\n")
    else:
        out.append(f"Generated: {g['actions']:,} Actions, {g['country_links']:,} country links, "
                   f"{g['theme_links']:,} theme links, {g['partner_links']:,} partner links, "
                   f"{g['activities']:,} activities, {g['translations']:,} translations; "
                   f"file {fmt(g.get('file_mib'))} MiB.\n")
    c = size["csv"]
    out.append("| figure | ms, median (min–max, n) | floor | ratio |")
    out.append("|---|---|---|---|")
    if "ratio" in g:
        out.append(f"| generator: all rows through the schema, one transaction | {rng(g['insert_ms'])} | "
                   f"same rows without FTS5 and triggers: {med(g['floor_without_fts_and_triggers_ms'])} | "
                   f"{fmt(g['ratio'])}× |")
    out.append(f"| CSV import of all Actions (ma_import_actions) | {rng(c['import_ms'])} | "
               f"prepared INSERTs of the same rows, FTS5 filled once: {med(c['floor_prepared_inserts_ms'])} | "
               f"{fmt(c.get('import_ratio'))}× |")
    out.append(f"| CSV export of all Actions ({fmt(c.get('file_mib'))} MiB) | {rng(c['export_ms'])} | | |")
    out.append(f"| opening the database | {rng(size.get('open_ms'))} | | |")
    out.append(f"| index load (ids in title order, attributes, links) | {rng(size['index_load_ms'])} | | |")
    out.append(f"| first full list: model of all Actions from the index | {rng(size.get('first_full_list_ms'))} | | |")
    out.append("")

    out.append("Search keystrokes (each prefix typed after the previous one):\n")
    out.append("| typed | matches | list model updated | ids + facet counts | FTS5 rowids alone (floor) | ratio | FTS5 count(*) only | naive title LIKE |")
    out.append("|---|---|---|---|---|---|---|---|")
    for s in size["search"]:
        out.append(f"| `{s['typed']}` | {s['matches']:,} | {rng(s['list_update_ms'])} | "
                   f"{med(s['ids_and_facet_counts_ms'])} | {med(s['floor_fts5_rowids_ms'])} | "
                   f"{fmt(s['ratio'])}× | {med(s.get('fts5_count_only_ms'))} | "
                   f"{med(s.get('naive_title_like_ms'))} |")
    out.append("")

    out.append("Facet change (region lac ⇄ wca):\n")
    out.append("| search | list | facet counts | map data | chart data (regions) | total |")
    out.append("|---|---|---|---|---|---|")
    for f in size["facet_change"]:
        out.append(f"| {f['search'] or '—'} | {med(f['list_update_ms'])} | {med(f['facet_counts_ms'])} | "
                   f"{med(f['map_data_ms'])} | {med(f['chart_data_regions_ms'])} | {rng(f['total_ms'])} |")
    out.append("")

    out.append("Charts at 1920×1080 (all Actions):\n")
    out.append("| kind | data | draw |")
    out.append("|---|---|---|")
    for ch in size["charts_1920x1080"]:
        out.append(f"| {ch['kind']} | {med(ch['data_ms'])} | {rng(ch['draw_ms'])} |")
    out.append("")

    mp = size["map_1280x800"]
    out.append("Map at 1280×800, 50m geometry:\n")
    out.append("| figure | ms |")
    out.append("|---|---|")
    out.append(f"| frame with no data change | {rng(mp['frame_unchanged_ms'])} |")
    out.append(f"| recolour after a filter change | {rng(mp['recolour_after_filter_ms'])} |")
    out.append(f"| full re-raster (projection, outlines, fills) | {rng(mp['full_reraster_ms'])} |")
    out.append(f"| floor: bare Cairo fill + 0.5 px stroke of the same projected paths | "
               f"{rng(mp['floor_bare_cairo_fill_stroke_ms'])} |")
    out.append(f"| ratio re-raster / floor | {fmt(mp['reraster_ratio'])}× |")
    out.append("")

    w = size.get("window")
    if w:
        out.append("Window processes (first frame = first after-paint with the window mapped, "
                   "from the parent's spawn):\n")
        out.append("| renderer | bare window | application | ratio | VmHWM bare (end) / app at first frame, MiB |")
        out.append("|---|---|---|---|---|")
        for key in ("cairo", "gl"):
            if key not in w:
                continue
            r = w[key]
            out.append(f"| {r.get('renderer')} | {rng(r['bare_first_frame_ms'])} | "
                       f"{rng(r['app_first_frame_ms'])} | {fmt(r['ratio'])}× | "
                       f"{med(r.get('bare_vmhwm_end_mib'))} / {med(r['app_vmhwm_at_first_frame_mib'])} |")
        out.append("")
        for key in ("cairo", "gl"):
            if key not in w or "app_session" not in w[key]:
                continue
            r = w[key]
            s = r["app_session"]
            out.append(f"Application session ({r.get('renderer')}): list filled "
                       f"{fmt(s.get('list_filled_ms'))} ms after spawn ({s.get('list_items', 0):,} rows); "
                       f"keystroke through GTK: model update {rng(s.get('keystroke_update_ms'))} ms + "
                       f"frame {rng(s.get('keystroke_frame_ms'))} ms; VmHWM "
                       f"{fmt(s.get('hwm_list_kb', 0) / 1024)} MiB with the list, "
                       f"{fmt(s.get('hwm_end_kb', 0) / 1024)} MiB after the charts and map views "
                       f"(first session).")
            if "sessions_keystroke_update_and_frame_ms" in r:
                out.append(f"Over {r['sessions_keystroke_update_and_frame_ms']['n']} sessions, "
                           f"median (min–max): keystroke update + frame "
                           f"{rng(r['sessions_keystroke_update_and_frame_ms'])} ms; VmHWM at the end "
                           f"{rng(r['sessions_vmhwm_end_mib'])} MiB"
                           + (f" (bare window {med(r.get('bare_vmhwm_end_mib'))} MiB: "
                              f"**+{fmt(r['memory_delta_mib'])} MiB**, limit {fmt(r['memory_delta_limit_mib'])})"
                              if "memory_delta_mib" in r else "")
                           + f"; list shows Actions {rng(r.get('sessions_rows_shown_ms'))} ms after "
                           f"spawn, index in {rng(r.get('sessions_index_in_ms'))} ms; longest "
                           f"main-loop stall meanwhile {rng(r.get('sessions_longest_stall_while_loading_ms'))} ms.")
            out.append("")
    return out


def main(path):
    run = json.load(open(path))
    m = run["machine"]
    sizes = [s["actions"] for s in run["sizes"]]
    out = []
    out.append("# Benchmark results: MIEUX+ Actions from 1,000 to "
               f"{size_name(max(sizes))} Actions\n")
    out.append("<!-- Generated by bench/results-md.py from bench/results.json; edit "
               "bench/RESULTS-notes.md for the notes at the end. -->\n")
    out.append("What the app costs at each size, beside the floor that the hardware and "
               "libraries give for the same work, measured in the same run. Floors and the "
               "designs behind the targets: `../shared/perf-floors/README.md`. The raw JSON of "
               "the run below is `bench/results.json`; this file is generated from it.\n")
    out.append("![Each figure against the number of Actions, log scales](scaling.svg)\n")
    out.append(HOW_TO_RUN)
    out.append("## The run\n")
    runs = run.get("runs", [run])
    for i, r in enumerate(runs):
        which = [size_name(s["actions"]) for s in run["sizes"] if s.get("run", 0) == i]
        out.append(f"{'Run ' + str(i + 1) + ' ' if len(runs) > 1 else 'Run '}of {r['date']}: "
                   f"{r['program']}, seed {r['seed']}, {r['reps']} timed repetitions per figure"
                   + (f"; sizes {', '.join(which)} come from it; load average at start "
                      f"{(r.get('machine') or {}).get('load_average_at_start')}, at end "
                      f"{r.get('load_average_at_end')}" if len(runs) > 1 else "") + ".\n")
        if r.get("note"):
            out.append(f"**Note on this run:** {r['note']}\n")
    if "growth_base" in run:
        out.append("The growth from 100,000 to 1,000,000 compares the two sizes of the run "
                   "that measured 1,000,000.\n")
    out.append(f"Machine: {m.get('cpu')}, {m.get('cpus')} CPUs, {fmt(m.get('memory_gib'))} GiB, "
               f"{m.get('kernel')}; SQLite {m.get('sqlite')}, GTK {m.get('gtk')}, "
               f"libadwaita {m.get('libadwaita')}, GLib {m.get('glib')}, cairo {m.get('cairo')}; "
               f"locale {m.get('locale')}; load average at start {m.get('load_average_at_start')}, "
               f"at end {run.get('load_average_at_end')}.\n")
    failed = [t for t in run["targets"] if t["result"] == "fail"]
    out.append(f"**{len(run['targets']) - len(failed)} of {len(run['targets'])} target rows ok, "
               f"{len(failed)} failed** (rows not measured count as not failed).\n")

    out.append("## Targets, per size\n")
    out.append("Each cell: value (limit) and result.\n")
    out += targets_table(run, sizes)

    out.append("## Growth with the number of Actions\n")
    out.append("Medians, ms unless said; the last column is the growth from 100,000 to "
               "1,000,000 Actions (10× the Actions: at most 10× is linear).\n")
    out += growth_table(run)

    out.append("## Beside the tools users have today\n")
    out += side_by_side(run)

    out.append("## Floors measured in the same run\n")
    out += floors_table(run)

    out.append("## Figures per size\n")
    for size in run["sizes"]:
        out += size_details(size)

    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "RESULTS-notes.md")
    if os.path.exists(notes):
        out.append(open(notes).read().rstrip("\n"))
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
