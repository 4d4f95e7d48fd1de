#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Markdown tables from the JSON of mieux-actions-bench (for bench/RESULTS.md).

usage: build/bench/mieux-actions-bench > run.json; bench/results-md.py run.json
"""
import json
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
    if v is None:
        return "—"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    if abs(v) >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


def main(path):
    run = json.load(open(path))
    m = run["machine"]
    out = []
    out.append(f"Run of {run['date']}: {run['program']}, seed {run['seed']}, "
               f"{run['reps']} timed repetitions per figure.\n")
    out.append(f"Machine: {m.get('cpu')}, {m.get('cpus')} CPUs, {fmt(m.get('memory_gib'))} GiB, "
               f"{m.get('kernel')}; SQLite {m.get('sqlite')}, GTK {m.get('gtk')}, "
               f"libadwaita {m.get('libadwaita')}, GLib {m.get('glib')}, cairo {m.get('cairo')}; "
               f"locale {m.get('locale')}; load average at start {m.get('load_average_at_start')}, "
               f"at end {run.get('load_average_at_end')}.\n")

    out.append("## Targets\n")
    out.append("| Actions | target | value | limit | result |")
    out.append("|---|---|---|---|---|")
    for t in run["targets"]:
        out.append(f"| {t['actions']:,} | {t['target']} | {fmt(t['value'])} | {t['limit']} | "
                   f"**{t['result']}** |")
    out.append("")

    for size in run["sizes"]:
        n = size["actions"]
        out.append(f"## {n:,} Actions\n")
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
                   f"prepared INSERTs of the same rows, one transaction: {med(c['floor_prepared_inserts_ms'])} | "
                   f"{fmt(c.get('import_ratio'))}× |")
        out.append(f"| CSV export of all Actions ({fmt(c.get('file_mib'))} MiB) | {rng(c['export_ms'])} | | |")
        out.append(f"| index load (ids in title order, attributes, links) | {rng(size['index_load_ms'])} | | |")
        out.append("")

        out.append("Search keystrokes (each prefix typed after the previous one):\n")
        out.append("| typed | matches | list model updated | ids + facet counts | FTS5 rowids alone (floor) | ratio | FTS5 count(*) only |")
        out.append("|---|---|---|---|---|---|---|")
        for s in size["search"]:
            out.append(f"| `{s['typed']}` | {s['matches']:,} | {rng(s['list_update_ms'])} | "
                       f"{med(s['ids_and_facet_counts_ms'])} | {med(s['floor_fts5_rowids_ms'])} | "
                       f"{fmt(s['ratio'])}× | {med(s.get('fts5_count_only_ms'))} |")
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
            out.append("| renderer | bare window | application | ratio | VmHWM bare / app at first frame, MiB |")
            out.append("|---|---|---|---|---|")
            for key in ("cairo", "gl"):
                if key not in w:
                    continue
                r = w[key]
                out.append(f"| {r.get('renderer')} | {rng(r['bare_first_frame_ms'])} | "
                           f"{rng(r['app_first_frame_ms'])} | {fmt(r['ratio'])}× | "
                           f"{med(r['bare_vmhwm_at_first_frame_mib'])} / {med(r['app_vmhwm_at_first_frame_mib'])} |")
            out.append("")
            for key in ("cairo", "gl"):
                if key not in w or "app_session" not in w[key]:
                    continue
                s = w[key]["app_session"]
                out.append(f"Application session ({w[key].get('renderer')}): list filled "
                           f"{fmt(s.get('list_filled_ms'))} ms after spawn ({s.get('list_items', 0):,} rows); "
                           f"keystroke through GTK: model update {rng(s.get('keystroke_update_ms'))} ms + "
                           f"frame {rng(s.get('keystroke_frame_ms'))} ms; VmHWM "
                           f"{fmt(s.get('hwm_list_kb', 0) / 1024)} MiB with the list, "
                           f"{fmt(s.get('hwm_end_kb', 0) / 1024)} MiB after the charts and map views "
                           f"(first session).")
                if "sessions_keystroke_update_and_frame_ms" in w[key]:
                    out.append(f"Over {w[key]['sessions_keystroke_update_and_frame_ms']['n']} sessions, "
                               f"median (min–max): keystroke update + frame "
                               f"{rng(w[key]['sessions_keystroke_update_and_frame_ms'])} ms, "
                               f"VmHWM at the end {rng(w[key]['sessions_vmhwm_end_mib'])} MiB.")
                out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
