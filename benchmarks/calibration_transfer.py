"""Does the confidence transfer? Fit without a development set, check on it, in every direction.

Usage::

    python benchmarks/calibration_transfer.py                 # every set held out in turn
    python benchmarks/calibration_transfer.py --update-docs   # also the section of docs/BENCHMARKS.md
                                                              # and the diagrams in docs/reliability/
    python benchmarks/calibration_transfer.py --svg-dir /tmp/d  # the diagrams elsewhere (the docs' stay)

For each development set S (ICDAR 2017, BLN600, ICDAR 2019; ``benchmarks/devsets.py``) the
models of ``edition/detection/data/calibration.json`` are fitted as ``benchmarks/derive/calibrate.py --book``
fits them, but without S: the word, lone-I and garbled models on the ICDAR 2017 tune part (on
the tune parts of the two other sets when S is ICDAR 2017), the deep search's, the frequent
words' and the real words' models on the tune parts of the other sets. The detectors then run on S's ``check`` part with those models, every
proposal is judged against the gold (``edition.evaluation.judge_proposals``: a reading is right
when it makes the text right, a flag when it sits on an error), and the share right per
confidence bin is drawn as a reliability diagram (SVG): calibrated means the points lie on the
diagonal. The shipped models' figures on the same part are given beside them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/: _devset, devsets, _docs
sys.path.insert(0, str(Path(__file__).resolve().parent / "derive"))  # calibrate
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: edition
import _devset  # noqa: E402
import calibrate  # noqa: E402
import devsets  # noqa: E402
from _docs import update_section  # noqa: E402
from edition.detection import calibration  # noqa: E402
from edition.detection.runner import detect  # noqa: E402
from edition.detection.detectors import unclear, words  # noqa: E402
from edition.evaluation import judge_proposals  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DIAGRAMS = ROOT / "docs" / "reliability"
BINS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001)


def _install(models: dict[str, dict]) -> Path:
    """Make the library weigh with ``models`` (a calibration file in a temporary folder)."""
    path = Path(tempfile.mkdtemp()) / "calibration.json"
    path.write_text(json.dumps({"models": models}), encoding="utf-8")
    calibration.DATA = path
    calibration._all.cache_clear()
    words._type_level.cache_clear()
    return path


def fit_without(held_out: str, shipped: dict[str, dict]) -> dict[str, dict]:
    """The models fitted as the shipped ones, without ``held_out`` (see the module docstring)."""
    others = [s for s in devsets.available() if s != held_out]
    word_sets = ["icdar2017"] if held_out != "icdar2017" else others
    pairs = [p for s in word_sets for p in devsets.pairs(s, "tune")]
    book = _devset.book_counts("tune")
    X, y, LX, Ly, _ = calibrate.examples(pairs, book)
    D, Dy = calibrate.deep_examples(others, "tune", book)
    Q, Qy = calibrate.deep_examples(others, "tune", book, "frequent")
    R, Ry = calibrate.deep_examples(others, "tune", book, "realword")
    k = len(calibrate.WORD_FEATURES)
    models = {"word": calibrate.model_entry(*calibrate.fit(X[:, :k], y), calibrate.WORD_FEATURES),
              "word_noisy": calibrate.model_entry(*calibrate.fit(X, y), calibrate.WORD_NOISY_FEATURES),
              "lone_i": calibrate.model_entry(*calibrate.fit(LX, Ly), calibrate.LONE_FEATURES),
              "deep": calibrate.model_entry(*calibrate.fit(D, Dy), calibrate.DEEP_FEATURES),
              "frequent": calibrate.model_entry(*calibrate.fit(Q, Qy), calibrate.FREQUENT_FEATURES),
              "realword": calibrate.model_entry(*calibrate.fit(R, Ry), calibrate.REALWORD_FEATURES),
              "garbled": shipped["garbled"]}
    _install(models)  # the garbled rule steps aside for the words these models read
    GX, Gy = calibrate.garbled_examples(pairs, book)
    models["garbled"] = calibrate.model_entry(*calibrate.fit(GX, Gy), unclear.GARBLED_FEATURES)
    return models


def judged(name: str) -> list[tuple[float, bool]]:
    """(confidence, right) of every scored proposal on the check part of ``name``."""
    out = []
    for doc in devsets.documents(name, "check"):
        for j in judge_proposals(doc, detect(doc.ocr)):
            if j.scored:
                out.append((j.proposal.confidence, j.right))
    return out


def bins(points: list[tuple[float, bool]]) -> list[tuple[float, float, int, float, float]]:
    """(low, high, proposals, mean confidence, share right) per confidence bin."""
    rows = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = [(c, r) for c, r in points if lo <= c < hi]
        if inside:
            rows.append((lo, min(hi, 1.0), len(inside), sum(c for c, _ in inside) / len(inside),
                         sum(r for _, r in inside) / len(inside)))
    return rows


def at_least(points: list[tuple[float, bool]], threshold: float = 0.9) -> tuple[int, float]:
    sure = [r for c, r in points if c >= threshold]
    return len(sure), (sum(sure) / len(sure) if sure else float("nan"))


def diagram(title: str, series: dict[str, list[tuple[float, float, int, float, float]]]) -> str:
    """A reliability diagram as SVG text: share right against mean confidence per bin, one
    series per model, the diagonal for a perfect calibration; point area by proposals."""
    size, pad = 320, 44
    svg = ET.Element("svg", xmlns="http://www.w3.org/2000/svg", width=str(size + 2 * pad),
                     height=str(size + 2 * pad + 30), viewBox=f"0 0 {size + 2 * pad} {size + 2 * pad + 30}")
    ET.SubElement(svg, "rect", x="0", y="0", width="100%", height="100%", fill="white")
    text = ET.SubElement(svg, "text", x=str(pad), y="18", style="font: 13px sans-serif")
    text.text = title

    def xy(c: float, share: float) -> tuple[float, float]:
        return pad + c * size, pad + (1 - share) * size

    ET.SubElement(svg, "rect", x=str(pad), y=str(pad), width=str(size), height=str(size), fill="none",
                  stroke="#999")
    for v in (0.0, 0.5, 0.9, 1.0):
        x, y = xy(v, v)
        label = ET.SubElement(svg, "text", x=f"{x:.1f}", y=str(pad + size + 14), style="font: 10px sans-serif",
                              **{"text-anchor": "middle"})
        label.text = f"{v:g}"
        label = ET.SubElement(svg, "text", x=str(pad - 4), y=f"{y + 3:.1f}", style="font: 10px sans-serif",
                              **{"text-anchor": "end"})
        label.text = f"{v:g}"
    ET.SubElement(svg, "line", x1=str(pad), y1=str(pad + size), x2=str(pad + size), y2=str(pad),
                  stroke="#bbb", **{"stroke-dasharray": "4 3"})
    x90, _ = xy(0.9, 0)
    ET.SubElement(svg, "line", x1=f"{x90:.1f}", y1=str(pad), x2=f"{x90:.1f}", y2=str(pad + size), stroke="#ddd")
    caption = ET.SubElement(svg, "text", x=str(pad + size / 2), y=str(pad + size + 30),
                            style="font: 11px sans-serif", **{"text-anchor": "middle"})
    caption.text = "x: confidence (mean of the bin); y: share of its proposals right"
    colours = ("#1f77b4", "#d62728")
    for k, (label_text, rows) in enumerate(series.items()):
        colour = colours[k % len(colours)]
        points = [xy(mean, share) for _, _, _, mean, share in rows]
        ET.SubElement(svg, "polyline", points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points), fill="none",
                      stroke=colour)
        for (x, y), (_, _, n, _, _) in zip(points, rows):
            ET.SubElement(svg, "circle", cx=f"{x:.1f}", cy=f"{y:.1f}", r=f"{min(9.0, 2 + n ** 0.5 / 6):.1f}",
                          fill=colour, **{"fill-opacity": "0.5"})
        legend = ET.SubElement(svg, "text", x=str(pad + 8), y=str(pad + 16 + 14 * k), fill=colour,
                               style="font: 11px sans-serif")
        legend.text = label_text
    return ET.tostring(svg, encoding="unicode") + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update-docs", action="store_true",
                    help="write the section of docs/BENCHMARKS.md and the diagrams of docs/reliability/")
    ap.add_argument("--svg-dir", type=Path, default=None,
                    help="write the diagrams here (without --update-docs they are not written)")
    args = ap.parse_args(argv)
    svg_dir = DIAGRAMS if args.update_docs else args.svg_dir
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    shipped_path = calibration.DATA
    shipped = json.loads(shipped_path.read_text(encoding="utf-8"))["models"]
    lines = ["## Confidence across collections: fitted without a set, checked on it", "",
             f"Command: `python benchmarks/calibration_transfer.py` — run {started}. For each set, the "
             "models are fitted as the shipped ones but without that set (word, lone-I and garbled "
             "models on the ICDAR 2017 tune part, or on the two others' when ICDAR 2017 is held out; "
             "the deep search's, the frequent words' and the real words' models on the other sets' tune parts), "
             "and every proposal of the "
             "detectors on the held-out set's `check` part is judged against its gold (a reading is "
             "right when it makes the text right, a flag when it is on an error). Target: ≥ 95 % "
             "right at confidence ≥ 0.9 on every set.", "",
             "| held-out set (`check` part) | fitted on | proposals | at ≥ 0.9 | right at ≥ 0.9 "
             "(fitted without it) | right at ≥ 0.9 (shipped models) |", "|---|---|---|---|---|---|"]
    details = []
    if svg_dir is not None:
        svg_dir.mkdir(parents=True, exist_ok=True)
    for name in devsets.available():
        print(f"{name}: fitting without it ...", file=sys.stderr)
        models = fit_without(name, shipped)
        _install(models)
        held = judged(name)
        _install(shipped)
        ship = judged(name)
        n90, r90 = at_least(held)
        s90, sr90 = at_least(ship)
        fitted_on = ", ".join(s for s in devsets.available() if s != name)
        lines.append(f"| {devsets.TITLES[name]} | {fitted_on} | {len(held):,} | {n90:,} | {r90:.1%} | "
                     f"{sr90:.1%} ({s90:,}) |")
        rows_held, rows_ship = bins(held), bins(ship)
        svg = diagram(f"{devsets.TITLES[name]}, check part",
                      {"fitted without this set": rows_held, "shipped models": rows_ship})
        if svg_dir is not None:
            (svg_dir / f"{name}.svg").write_text(svg, encoding="utf-8")
        details += [f"### {devsets.TITLES[name]}", "", f"![reliability diagram, {name}](reliability/{name}.svg)", "",
                    "| confidence | proposals (without it) | mean confidence | right | proposals (shipped) | "
                    "mean confidence | right |", "|---|---|---|---|---|---|---|"]
        ship_by = {(lo, hi): (n, m, s) for lo, hi, n, m, s in rows_ship}
        for lo, hi, n, m, s in rows_held:
            sn, sm, ss = ship_by.get((lo, hi), (0, float("nan"), float("nan")))
            details.append(f"| {lo:.2f}–{hi:.2f} | {n:,} | {m:.3f} | {s:.1%} | {sn:,} | {sm:.3f} | {ss:.1%} |")
        details.append("")
    calibration.DATA = shipped_path
    section = "\n".join(lines + [""] + details)
    print(section)
    if args.update_docs:
        update_section("calibration_transfer", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
