"""The three development sets, each cut once into a ``tune`` part and an untouched ``check`` part.

Everything fitted from data (the confusion table, the calibration) is fitted on ``tune`` parts
only; figures are reported on both parts, and the ``check`` parts are the honest ones. The split
rules are fixed here and nowhere else (``docs/BENCHMARKS.md`` quotes :data:`SPLIT_RULES`):

- ``icdar2017`` (ICDAR 2017 English, books and periodicals): the rule of
  :mod:`_devset`, kept as it was: odd file numbers and the first half of monograph 81 are
  ``tune``; even file numbers and its second half ``check``.
- ``bln600`` (BLN600 training split, 19th-century British newspapers): articles are grouped by
  the issue they appeared in (publication and date, ``metadata.tsv``); the issues in date order,
  every fifth one (the 5th, 10th, ...) is ``check``. Articles of one issue share a scan and
  its noise, so they are never divided between the parts.
- ``icdar2019`` (ICDAR 2019 English EN1, playbills, periodicals, books): odd file numbers
  ``tune``, even ``check`` (the 2017 rule).

- :func:`documents` — the :class:`~edition.evaluation.AlignedDoc` of a set's part, each with a
  ``kind`` (``monograph``/``periodical`` for ICDAR 2017, ``newspaper``, ``print``). A gold that
  has blocks of the text in another order than the OCR (16 of ICDAR 2019's 48 files; none of the
  other sets') is put in the OCR's order and realigned
  (:func:`edition.evaluation.align.gold_in_ocr_order`); ``reorder_gold=False`` keeps the
  alignment as the files give it (ICDAR) or in both texts' order (BLN600).
- :func:`pairs` — the same as :class:`_devset.Pair` records (``@`` gaps, ``#`` no gold), the
  form the derivation scripts read.
- :func:`available` — the sets present on this machine (users do not have them).
"""
from __future__ import annotations

import csv
import functools
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _devset  # noqa: E402
from edition.evaluation import AlignedDoc, align_texts, load_icdar  # noqa: E402
from edition.evaluation.align import GAP, UNKNOWN  # noqa: E402

SHARED = Path(os.environ.get("EDITION_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
ROOTS = {"icdar2017": _devset.DATA, "bln600": SHARED / "bln600-train", "icdar2019": SHARED / "icdar2019-eng"}
SETS = tuple(ROOTS)
PARTS = ("tune", "check")
SPLIT_RULES = {
    "icdar2017": _devset.SPLIT_RULE,
    "bln600": "issues (publication + date) in date order: every fifth issue = check, the rest tune",
    "icdar2019": "odd file numbers = tune; even = check",
}
TITLES = {"icdar2017": "ICDAR 2017 English (books, periodicals)",
          "bln600": "BLN600 (19th-century newspapers)",
          "icdar2019": "ICDAR 2019 English (playbills, periodicals, books)"}


def available() -> list[str]:
    return [s for s in SETS if ROOTS[s].is_dir()]


def _halves(doc: AlignedDoc) -> tuple[AlignedDoc, AlignedDoc]:
    mid = doc.shared_space_near(len(doc.ocr_aligned) // 2)
    return doc.part(0, mid, doc.name + "a"), doc.part(mid + 1, len(doc.ocr_aligned), doc.name + "b")


def _number(path: Path) -> int:
    return int("".join(ch for ch in path.stem if ch.isdigit()) or 0)


def _icdar2017(part: str, reorder_gold: bool) -> list[AlignedDoc]:
    out = []
    for kind in ("monograph", "periodical"):
        for path in sorted((ROOTS["icdar2017"] / f"eng_{kind}").glob("*.txt"), key=_number):
            doc = load_icdar(path, reorder_gold=reorder_gold)
            doc = AlignedDoc(doc.ocr, doc.ocr_aligned, doc.gold_aligned, f"eng_{kind}/{path.stem}", kind)
            if kind == "monograph" and path.stem == "81":
                a, b = _halves(doc)
                out += {"tune": [a], "check": [b], "all": [a, b]}[part]
            elif part == "all" or (part == "tune") == (_number(path) % 2 == 1):
                out.append(doc)
    return out


def bln600_check_issues() -> frozenset[tuple[str, str]]:
    """The (date, publication) issues of BLN600's ``check`` part (see the module docstring)."""
    with open(ROOTS["bln600"] / "metadata.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    issues = sorted({(r["date"], r["publication"]) for r in rows})
    return frozenset(issue for k, issue in enumerate(issues) if k % 5 == 4)


def bln600_part_of(article: str) -> str:
    return "check" if _bln600_issue_of()[article] in bln600_check_issues() else "tune"


@functools.lru_cache(maxsize=1)
def _bln600_issue_of() -> dict[str, tuple[str, str]]:
    with open(ROOTS["bln600"] / "metadata.tsv", encoding="utf-8") as f:
        return {r["id"]: (r["date"], r["publication"]) for r in csv.DictReader(f, delimiter="\t")}


def _bln600(part: str, reorder_gold: bool) -> list[AlignedDoc]:
    root = ROOTS["bln600"]
    out = []
    for ocr in sorted(root.glob("*.ocr.txt")):
        article = ocr.name[:-len(".ocr.txt")]
        if part != "all" and bln600_part_of(article) != part:
            continue
        gold = ocr.with_name(article + ".gt.txt")
        out.append(align_texts(ocr.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8"),
                               name=f"bln600/{article}", kind="newspaper", reorder_gold=reorder_gold))
    return out


def _icdar2019(part: str, reorder_gold: bool) -> list[AlignedDoc]:
    out = []
    for path in sorted((ROOTS["icdar2019"] / "EN1").glob("*.txt"), key=_number):
        if part == "all" or (part == "tune") == (_number(path) % 2 == 1):
            doc = load_icdar(path, reorder_gold=reorder_gold)
            out.append(AlignedDoc(doc.ocr, doc.ocr_aligned, doc.gold_aligned, f"icdar2019/{path.stem}", "print"))
    return out


@functools.lru_cache(maxsize=16)
def _documents(name: str, part: str, reorder_gold: bool = True) -> tuple[AlignedDoc, ...]:
    loader = {"icdar2017": _icdar2017, "bln600": _bln600, "icdar2019": _icdar2019}[name]
    return tuple(loader(part, reorder_gold))


def documents(name: str, part: str, *, reorder_gold: bool = True) -> list[AlignedDoc]:
    """The documents of ``part`` (``tune``, ``check`` or ``all``) of the set ``name``; with
    ``reorder_gold=False``, aligned as the files give them (see the module docstring)."""
    if part not in ("tune", "check", "all"):
        raise ValueError(f"unknown part {part!r}")
    if name not in available():  # an empty list would read as a set of no documents
        raise FileNotFoundError(f"the development set {name!r} is not at {ROOTS[name]}: set "
                                "EDITION_SHARED_DATA to the folder of the three sets (EDITION_ICDAR "
                                "to ICDAR 2017's)")
    return list(_documents(name, part, reorder_gold))


def part_of(name: str) -> str:
    """``tune`` or ``check``: the part a document belongs to, by the name :func:`documents`
    gives it (``eng_monograph/81a``, ``bln600/3200797029``, ``icdar2019/15``)."""
    for set_name in available():
        for part in PARTS:
            if name in _names(set_name, part):
                return part
    raise KeyError(f"no development document is named {name!r}")


@functools.lru_cache(maxsize=16)
def _names(name: str, part: str) -> frozenset[str]:
    return frozenset(d.name for d in _documents(name, part))


def as_pair(doc: AlignedDoc) -> _devset.Pair:
    """An aligned document in the ICDAR row form the derivation scripts read (``@`` a gap, ``#``
    no gold). A literal ``@`` of the OCR (3 BLN600 articles) becomes ``¤`` and a literal ``#``
    of a plain gold text is kept as no gold: neither may be read as a gap or a mark."""
    oa = doc.ocr_aligned.replace("@", "¤").replace(GAP, "@")
    ga = doc.gold_aligned.replace("@", "¤").replace(GAP, "@").replace(UNKNOWN, "#")
    return _devset.Pair(doc.name, oa.replace("@", ""), oa, ga)


def pairs(name: str, part: str) -> list[_devset.Pair]:
    return [as_pair(d) for d in documents(name, part)]


if __name__ == "__main__":
    for name in available():
        for part in PARTS:
            docs = documents(name, part)
            print(f"{name:10} {part:6} {len(docs):4} documents {sum(len(d.ocr.split()) for d in docs):8,} OCR words")
