"""The report's charts as PNG files (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.crm.report import Report


def _plt():
    import matplotlib

    matplotlib.use("Agg")  # a server has no display
    import matplotlib.pyplot as plt

    return plt


def draw(report: Report, folder: Path) -> dict[str, Path]:
    """Chart title -> PNG path, for the charts that have data."""
    folder.mkdir(parents=True, exist_ok=True)
    t = report.tables
    out: dict[str, Path] = {}
    plots = [
        ("New and repeat clients per year", "New and repeat clients per year",
         lambda ax, d: d[["new", "repeat"]].plot.bar(stacked=True, ax=ax, rot=0, color=["#4c72b0", "#55a868"])),
        ("NPS by week, 13 weeks rolling", "NPS by week (and 13 weeks rolling)", _nps_trend),
        ("Cohort retention, %", "Cohort retention by month of first trip, %", _cohorts),
        ("Why clients leave", "Why clients leave",
         lambda ax, d: d[["refusal", "return", "complaint"]].iloc[::-1].plot.barh(stacked=True, ax=ax)),
        ("Acquisition and retention cost per client", "Acquisition and retention cost",
         lambda ax, d: d["per_client"].plot.bar(ax=ax, rot=0, color=["#c44e52", "#8172b2"])),
        ("Clients per RFM segment", "RFM segments at the end of the period",
         lambda ax, d: d["clients"].iloc[::-1].plot.barh(ax=ax, color="#64b5cd")),
    ]
    plt = _plt()
    for i, (title, key, paint) in enumerate(plots):
        data = t.get(key)
        if data is None or data.empty:
            continue
        fig, ax = plt.subplots(figsize=(8, 4), dpi=110)
        paint(ax, data)
        ax.set_title(title)
        fig.tight_layout()
        path = folder / f"chart-{i + 1}.png"
        fig.savefig(path)
        plt.close(fig)
        out[title] = path
    return out


def _nps_trend(ax, weekly: pd.DataFrame) -> None:
    ax.plot(weekly.index, weekly["nps"], color="#bbbbbb", linewidth=0.8, label="week")
    ax.plot(weekly.index, weekly["r13_nps"], color="#4c72b0", label="13 weeks")
    ax.fill_between(weekly.index, weekly["r13_low"], weekly["r13_high"], color="#4c72b0", alpha=0.15,
                    label="95% interval")  # fmt: skip
    ax.set_ylim(-100, 100)
    ax.legend(loc="lower left")


def _cohorts(ax, table: pd.DataFrame) -> None:
    values = table.drop(columns="clients")
    image = ax.imshow(values.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0, vmax=30)
    ax.set_yticks(range(len(values.index)), values.index, fontsize=7)
    ax.set_xlabel("months after the first trip")
    ax.figure.colorbar(image, ax=ax)
