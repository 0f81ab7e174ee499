"""Static SVG charts of figures over time, drawn with matplotlib at build time.

Text stays text in the SVG (``svg.fonttype: none``) so values are readable,
searchable and testable; ids are salted and the date stamp dropped so two
builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from .model import Figure  # noqa: E402
from .text import figure_value  # noqa: E402

MARKERS = {"exact": "o", "at-least": "^", "more-than": "^", "up-to": "v", "approximately": "D", "range": "s"}
"""Marker per qualifier: a lower bound points up, an upper bound points down."""


def figures_chart(title: str, rows: list[tuple[Figure, str]]) -> str:
    """An SVG plotting each (figure, who claimed it) with a number against its as-of date."""
    plotted = [(f, who) for f, who in rows if f.value is not None]
    # text.parse_math off: a "$" in a name is a dollar sign, not mathtext that matplotlib would parse (or crash on).
    style = {"svg.hashsalt": "karabakh-fact-desk", "svg.fonttype": "none", "font.size": 9, "text.parse_math": False}
    with plt.rc_context(style):
        fig, ax = plt.subplots(figsize=(7, 3.2))
        for f, who in plotted:
            ax.plot(f.as_of.date, f.value, MARKERS.get(f.qualifier, "o"), color="#3f51b5", markersize=7)
            if f.value_high is not None:
                ax.vlines(f.as_of.date, f.value, f.value_high, color="#3f51b5")
            ax.annotate(
                f"{figure_value(f)} ({who})",
                (f.as_of.date, f.value),
                textcoords="offset points",
                xytext=(8, 4),
                fontsize=8,
            )
        ax.set_title(title)
        ax.set_ylabel(plotted[0][0].unit if plotted else "")
        ax.set_ylim(bottom=0, top=max((f.value_high or f.value or 0) for f, _ in plotted) * 1.3 if plotted else 1)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b %Y"))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=6))
        dates = [f.as_of.date for f, _ in plotted]
        if dates:
            ax.set_xlim(min(dates) - _days(3), max(dates) + _days(12))
        ax.grid(axis="y", color="#dddddd")
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
        plt.close(fig)
    return out.getvalue()


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)
