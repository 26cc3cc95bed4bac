"""The side-by-side page of a collation (``edition collate --html``): one column per witness,
the rows cut at the base's line ends, every place where the witnesses differ marked in each
column, in the style of the diff page (its summary table, its sticky bar with the previous /
next change buttons and keys).

:func:`collation_page` returns the page as text; it depends only on the collation.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from lxml import etree

from ..witnesses.collation import Collation, Variant
from ..witnesses.tokens import Witness
from .pages import _DIFF_CSS, _DIFF_SCRIPT, _el, _page, _serialize, _table
from .tei.xmltext import is_xml_char

_SIDE_CSS = _DIFF_CSS + """
table.side{table-layout:fixed;width:100%;font-size:.95em}
table.side td{white-space:pre-wrap;overflow-wrap:break-word;line-height:1.5}
table.side .row{width:3.5em;color:#888;font:.75em sans-serif;text-align:right}
@media (max-width:600px){table.side .row{width:1.6em;padding:.25em .15em}}
mark{padding:0 .1em;border-radius:2px}
mark.base{background:#fbd3d3;color:#8a1010}
mark.other{background:#d3f5d3;color:#0b5d0b}
mark.same{background:#fbefc8;color:#5c4a00}
mark.gap::before{content:"\\2038";color:#999}
"""


def collation_page(collation: Collation) -> str:
    witnesses = collation.witnesses
    base = collation.base
    title = f"Collation: {base.source.path.name} and {len(witnesses) - 1} other witness" + (
        "es" if len(witnesses) > 2 else "")
    html, body = _page(title, _SIDE_CSS)
    _el(body, "h1", title)
    _el(body, "p", f"Each witness in its column, aligned word by word with the first, {base.siglum} "
                   f"(the base). Where the witnesses differ the base's reading is marked red, a "
                   f"reading that differs from the base green, one that agrees with it yellow; "
                   f"\u2038 marks words a witness lacks. Hover over a mark for every reading.")
    _el(body, "h2", "Summary")
    base_tokens = len(base.tokens)
    _table(body, ["siglum", "file", "SHA-256", "tokens", "agreeing with the base", "places that differ"],
           [[s.siglum, s.name, w.source.sha256[:12], s.tokens,
             f"{s.agreeing / base_tokens:.1%}" if base_tokens else "-", s.differing]
            for s, w in zip(collation.summary(), witnesses)])

    _el(body, "h2", "Side by side")
    section = _el(body, "section", id="text")
    n = len(collation.variants)
    nav = _el(section, "nav", class_="changes", aria_label="differences")
    _el(nav, "a", "\u25b2 Previous difference", href=f"#h-{n}", id="prev-change")
    _el(nav, "a", "Next difference \u25bc", href="#h-1", id="next-change")
    _el(nav, "span", f"{n} place{'' if n == 1 else 's'} where the witnesses differ", id="where",
        aria_live="polite")
    _el(nav, "span", "keys: n next, p previous", class_="keys")
    wide = _el(section, "div", class_="wide")
    table = _el(wide, "table", class_="side")
    head = _el(table, "tr")
    _el(head, "th", "line", class_="row")
    for w in witnesses:
        _el(head, "th", f"{w.siglum}: {w.source.path.name}")
    variants = collation.variants
    ahead = [_offsets(variants, k) for k in range(len(witnesses))]
    for number, (b0, b1, first, last) in enumerate(_rows(base, variants), start=1):
        tr = _el(table, "tr")
        _el(tr, "td", str(number), class_="row")
        for k, w in enumerate(witnesses):
            _cell(_el(tr, "td"), w, k, variants[first:last], ahead[k][first] + b0,
                  ahead[k][last] + b1, first)
    _el(body, "script", _DIFF_SCRIPT.replace("'change '", "'difference '"))
    return _serialize(html)


def _rows(base: Witness, variants: Sequence[Variant]) -> list[tuple[int, int, int, int]]:
    """``(b0, b1, first, last)``: base tokens ``b0:b1`` and variants ``first:last`` of each row;
    a row ends at a line end of the base, unless a variant runs across it."""
    text = base.text
    cuts = [0]
    for k in range(1, len(base.tokens)):
        if "\n" in text[base.tokens[k - 1].end:base.tokens[k].start]:
            cuts.append(k)
    starts = [v.start for v in variants]
    rows = []
    inside = {b for v in variants for b in range(v.start + 1, v.end)}
    kept = [c for c in cuts if c not in inside] + [len(base.tokens)]
    for b0, b1 in zip(kept, kept[1:] + [None]):
        if b1 is None:
            break
        # insertions at b1 belong to the next row; those at the very end to the last
        first = bisect_left(starts, b0) if b0 else 0
        last = bisect_left(starts, b1) if b1 < len(base.tokens) else len(variants)
        rows.append((b0, b1, first, last))
    if not rows:
        rows.append((0, 0, 0, len(variants)))
    return rows


def _offsets(variants: Sequence[Variant], k: int) -> list[int]:
    """How far witness ``k``'s token numbers run ahead of the base's after each number of
    variants (``out[i]``: after ``variants[:i]``)."""
    out = [0]
    for v in variants:
        out.append(out[-1] + (v.readings[k].end - v.readings[k].start) - (v.end - v.start))
    return out


def _cell(td: etree._Element, w: Witness, k: int, variants: Sequence[Variant], t0: int, t1: int,
          first: int) -> None:
    """Witness ``w``'s tokens ``t0:t1``, each variant's reading marked. Text is added after the
    last mark by hand: lxml finds an element's last child by walking its children, and a long
    paragraph holds thousands of marks."""
    last: etree._Element | None = None

    def add(s: str) -> None:
        nonlocal last
        s = _shown(s)
        if last is None:
            td.text = (td.text or "") + s
        else:
            last.tail = (last.tail or "") + s

    def chars(a: int, b: int) -> str:
        if a >= b:
            return ""
        return " ".join(w.text[w.tokens[a].start:w.tokens[b - 1].end].split())

    def gap(a: int) -> str:  # the white space before token a, one space for any run
        if a <= t0 or a >= t1:
            return ""
        return " " if w.tokens[a - 1].end < w.tokens[a].start else ""

    at = t0
    for n, v in enumerate(variants, start=first + 1):
        r = v.readings[k]
        if r.start > at:
            add(chars(at, r.start) + gap(r.start))
        differs = r.text != v.base.text
        cls = "base" if k == 0 else ("other" if differs else "same")
        tip = " \u00b7 ".join(f"{x.siglum}: {x.text or '(nothing)'}" for x in v.readings)
        last = etree.SubElement(td, "mark", {"class": cls + ("" if r.text else " gap")
                                             + (" hunk" if k == 0 else ""), "title": _shown(tip)})
        if k == 0:
            last.set("id", f"h-{n}")
        last.text = _shown(" ".join(r.text.split()))
        at = r.end
        if at < t1:
            add(gap(at))
    add(chars(at, t1))


def _shown(s: str) -> str:
    """``s`` with the characters HTML cannot hold shown as control pictures (or U+FFFD)."""
    if all(is_xml_char(ch) for ch in s):
        return s
    return "".join(ch if is_xml_char(ch) else chr(0x2400 + ord(ch)) if ord(ch) < 0x20 else "\ufffd"
                   for ch in s)
