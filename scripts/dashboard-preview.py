"""Draws docs/grafana-dashboard.json's panels from a live Prometheus: each panel's own queries, over the last minutes.

usage: dashboard-preview.py PROMETHEUS_URL DASHBOARD_JSON OUT_PNG MINUTES
Not Grafana: the same queries, evaluated by Prometheus, drawn by matplotlib. Grafana's variables are given the values
"All" would (.*) and its intervals fixed ones: $__rate_interval 30s, $__range the whole window.
"""
import json
import sys
import time
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

prometheus, dashboard_path, out, minutes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
dashboard = json.load(open(dashboard_path))
end = time.time()
start = end - minutes * 60
step = 10


def expand(expr, window):
    return (expr.replace("$__rate_interval", "30s").replace("$__range", window)
            .replace('"$application"', '".*"').replace('"$environment"', '".*"'))


def query_range(expr):
    # increase over $__range is drawn as a running total over the window so far: each point looks back to the start.
    if "$__range" in expr:
        series = {}
        for t in range(int(start) + 60, int(end), 20):
            for s in query(expand(expr, f"{t - int(start)}s"), t):
                series.setdefault(label(s), []).append((t, float(s["value"][1])))
        return series
    params = urllib.parse.urlencode({"query": expand(expr, "60s"), "start": start, "end": end, "step": step})
    data = json.load(urllib.request.urlopen(f"{prometheus}/api/v1/query_range?{params}"))["data"]["result"]
    return {label(s): [(float(t), float(v)) for t, v in s["values"]] for s in data}


def query(expr, at):
    params = urllib.parse.urlencode({"query": expr, "time": at})
    return json.load(urllib.request.urlopen(f"{prometheus}/api/v1/query?{params}"))["data"]["result"]


def label(series):
    m = series["metric"]
    return ", ".join(f"{v}" for k, v in sorted(m.items()) if k not in ("job", "instance", "__name__")) or "all"


panels = [p for p in dashboard["panels"] if p["type"] != "row"]
columns = 4
rows = (len(panels) + columns - 1) // columns
fig, axes = plt.subplots(rows, columns, figsize=(24, rows * 3.6))
fig.suptitle(f"ConfigAdmin dashboard (docs/grafana-dashboard.json): its queries, evaluated by Prometheus over {minutes} minutes "
             "of traffic and drawn by matplotlib, not a Grafana screenshot", fontsize=13)
for ax, panel in zip(axes.flat, panels):
    ax.set_title(panel["title"], fontsize=10, loc="left")
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
    if panel["type"] == "stat":
        result = query(expand(panel["targets"][0]["expr"], "60s"), end)
        value = float(result[0]["value"][1]) if result else float("nan")
        text = (f"{value * 100:.1f} %" if unit == "percentunit" else f"{value * 1000:.2f} ms" if unit == "s"
                else f"{value:,.1f}{' /s' if unit == 'reqps' else ''}")
        ax.text(0.5, 0.45, text, ha="center", va="center", fontsize=26, color="#1f77b4")
        ax.set_axis_off()
        continue
    drawn = 0
    for target in panel["targets"]:
        for name, points in sorted(query_range(target["expr"]).items())[:8]:
            if points:
                ax.plot([(t - start) / 60 for t, _ in points], [v for _, v in points], label=name[:40], linewidth=1.2)
                drawn += 1
    if drawn == 0:
        ax.text(0.5, 0.5, "no data in this window", ha="center", va="center", color="gray", transform=ax.transAxes)
    else:
        ax.legend(fontsize=6, loc="upper left")
    ax.set_xlabel("minutes", fontsize=7)
    ax.set_ylabel(unit, fontsize=7)
    ax.tick_params(labelsize=7)
for ax in list(axes.flat)[len(panels):]:
    ax.set_axis_off()
fig.tight_layout(rect=(0, 0, 1, 0.97))
fig.savefig(out, dpi=70)
