"""Charts of dyad series (matplotlib, drawn off-screen to a file)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from eventwire.errors import UsageError


def plot_ties(series: pa.Table, path: str | Path, title: str | None = None) -> Path:
    """A PNG of a dyad series: the index with its band above, event counts below.

    Example: ``plot_ties(dyad_series(store, "RUS", "UKR"), "rus-ukr.png")``
    """
    import matplotlib

    matplotlib.use("Agg", force=True)  # no display: draw to a file on any machine
    import matplotlib.pyplot as plt

    cols = series.to_pydict()
    periods = cols["period"]
    if not periods:
        raise UsageError("nothing to plot: the series has no periods (no events in the window)")
    meta = series.schema.metadata or {}
    label = title or (meta.get(b"dyad", b"").decode() or "dyad")
    by = meta.get(b"by", b"").decode()
    nan = float("nan")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    try:
        low = [nan if v is None else v for v in cols["index_low"]]
        high = [nan if v is None else v for v in cols["index_high"]]
        top.fill_between(periods, low, high, color="tab:blue", alpha=0.2, label="95% band")
        top.plot(periods, [nan if v is None else v for v in cols["index"]], color="tab:blue", label="index (smoothed)")
        top.scatter(periods, [nan if v is None else v for v in cols["index_raw"]], s=8, color="tab:gray", label="per period")
        top.axhline(0, color="black", linewidth=0.6)
        top.set_ylim(-1.05, 1.05)
        top.set_ylabel("cooperation - conflict")
        top.set_title(f"{label}: relation index{f' by {by}' if by else ''}")
        top.legend(loc="lower left", fontsize="small")
        bottom.bar(periods, cols["coop"], color="tab:green", label="cooperation", width=_bar_width(by))
        bottom.bar(periods, cols["conflict"], bottom=cols["coop"], color="tab:red", label="conflict", width=_bar_width(by))
        bottom.set_ylabel("events")
        bottom.legend(loc="upper left", fontsize="small")
        fig.autofmt_xdate()
        fig.tight_layout()
        out = Path(path)
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=110)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc}") from exc
    finally:
        plt.close(fig)
    return out


def _bar_width(by: str) -> float:
    return {"day": 0.8, "week": 5.0, "month": 24.0}.get(by, 0.8)
