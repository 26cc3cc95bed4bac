"""The two HTML pages of an edition, built with lxml (every text escaped by the serializer):

- :func:`diff_page` — ``NAME.diff.html``: the source against the edition, every change marked
  (``del``/``ins``) and linked to its decision in the table below; summary figures (changes and
  characters changed by kind, decisions by status) and a small inline SVG bar chart; a link
  past them to the text, and a bar over the text to go to the next or previous change (buttons,
  or the keys n and p).
- :func:`reading_view` — ``NAME.html``: the edition for reading. A switch shows the source
  reading instead of the corrected one; each correction shows its details (kind, decision, who,
  when, confidence, why) on hover, or on tap (it takes focus). An edition of OCR files with page
  images shows each page's image beside its text, where the page begins (a second switch hides
  them); the images are linked relative to the page, as the TEI's ``<graphic>``.

Both pages are self-contained: the style sheet is inline and there is no script, font or image
from outside (the reading view's switch is a checkbox and CSS; the diff page's one inline script
moves between changes, and its buttons are links without it), so they work offline and from a
file.
"""
from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any, Sequence

import lxml.html
from lxml import etree

from ..model import Correction, Status
from .apparatus import AppEntry
from .diff import Segment
from .plan import EditionPlan, xml_id
from .facsimile import Milestone, Surface
from .tei.facsimile import image_url
from .tei.metadata import EditionMetadata
from .tei.structure import Role
from .tei.xmltext import is_xml_char, last_child

_BASE_CSS = """
body{font:16px/1.55 Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222;background:#fdfdfb;overflow-wrap:break-word}
h1{font-size:1.6em;line-height:1.25}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f0f0ec}.num{text-align:right}
.ctl{border:1px dotted #999;font-family:monospace;font-size:.8em}
"""

_DIFF_CSS = _BASE_CSS + """
.text{white-space:pre-wrap;font-size:.95em}
del{background:#fbd3d3;color:#8a1010;text-decoration:line-through}
ins{background:#d3f5d3;color:#0b5d0b;text-decoration:none}
.hunk a{font:.7em sans-serif;vertical-align:super;margin-left:.15em;color:#555;text-decoration:none}
.hunk a:hover{text-decoration:underline}
.orphan{outline:2px solid #d00}
tr:target{background:#fff3b0}
.jump{font:.95em sans-serif}
.changes{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;align-items:center;gap:.4em .8em;
 margin:0 -1em;padding:.5em 1em;background:#fdfdfb;border-bottom:1px solid #ccc;
 box-shadow:0 2px 4px rgba(0,0,0,.08);font:.9em sans-serif}
.changes a{padding:.3em .7em;border:1px solid #999;border-radius:4px;background:#fff;color:#222;
 text-decoration:none;white-space:nowrap}
.changes a:hover,.changes a:focus-visible{background:#eef3fa;border-color:#3b6ea8}
.changes .keys{color:#666;font-size:.9em}
@media (hover:none){.changes .keys{display:none}}
svg{max-width:100%;height:auto}
.hunk{scroll-margin-top:4em}
.hunk.current{outline:3px solid #f0b400;outline-offset:1px;border-radius:2px}
.wide{width:calc(100vw - 2em);max-width:100em;margin-left:50%;transform:translateX(-50%);overflow-x:auto}
.wide table{width:100%}
.wide td{overflow-wrap:break-word}
.wide .why{min-width:24em}
.wide .id,.wide .on,.wide .kind,.wide .status,.wide .effect,.wide .by{white-space:nowrap}
"""

#: The diff page's one script: next / previous change, by button or key (n, j / p, k). It reads
#: nothing from the text (every text is in the markup, escaped) and the page works without it:
#: the buttons are links to the first and the last change.
_DIFF_SCRIPT = """
(function () {
  var hunks = Array.prototype.slice.call(document.querySelectorAll('.hunk'));
  var prev = document.getElementById('prev-change'), next = document.getElementById('next-change');
  var where = document.getElementById('where'), bar = document.querySelector('.changes');
  if (!hunks.length || !prev || !next) return;
  var current = -1;
  function visible(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }
  function target(step) {
    // from the change shown last while it is on screen, else from what is on screen: the
    // first change at or below the bar, or the last one above it
    if (current >= 0 && visible(hunks[current])) return current + step;
    var top = bar.getBoundingClientRect().bottom, i;
    if (step > 0) {
      for (i = 0; i < hunks.length; i++) if (hunks[i].getBoundingClientRect().top >= top) return i;
      return hunks.length;
    }
    for (i = hunks.length - 1; i >= 0; i--) if (hunks[i].getBoundingClientRect().bottom <= top) return i;
    return -1;
  }
  function show(i) {
    if (i < 0 || i >= hunks.length) return;
    if (current >= 0) hunks[current].classList.remove('current');
    current = i;
    hunks[i].classList.add('current');
    hunks[i].scrollIntoView({block: 'center'});
    where.textContent = 'change ' + (i + 1) + ' of ' + hunks.length;
    if (history.replaceState) history.replaceState(null, '', '#' + hunks[i].id);
  }
  function go(step, event) {
    if (event) event.preventDefault();
    show(Math.max(0, Math.min(hunks.length - 1, target(step))));
  }
  prev.addEventListener('click', function (e) { go(-1, e); });
  next.addEventListener('click', function (e) { go(1, e); });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'n' || e.key === 'j') go(1, e);
    else if (e.key === 'p' || e.key === 'k') go(-1, e);
  });
  function fromHash() {  // a link to a change (#h-12) shows it as the current one
    var el = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (el && el.classList.contains('hunk')) show(hunks.indexOf(el));
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"""

_READING_CSS = _BASE_CSS + """
#show-source{position:fixed;top:0;left:0;opacity:0;width:1px;height:1px;margin:0}
.switch{display:block;position:sticky;top:0;z-index:20;margin:-2em -1em 0;padding:.6em 1em;
 background:#fdfdfb;border-bottom:1px solid #ccc;box-shadow:0 2px 4px rgba(0,0,0,.08);
 font:.95em/1.4 sans-serif;cursor:pointer;user-select:none}
.switch::before{content:"";display:inline-flex;align-items:center;justify-content:center;
 box-sizing:border-box;width:1.15em;height:1.15em;margin-right:.5em;vertical-align:-.2em;
 border:1.5px solid #555;border-radius:3px;background:#fff;font:bold 1em/1 sans-serif;color:#fff}
#show-source:checked + .switch::before{content:"\\2713";background:#3b6ea8;border-color:#3b6ea8}
#show-source:focus-visible + .switch{outline:2px solid #3b6ea8;outline-offset:-2px}
.hint{font:.85em/1.4 sans-serif;color:#555}
main p,main li,main h1,main h2,.byline{white-space:pre-wrap}
.byline{font-style:italic}.colophon{font-size:.9em;color:#555;border-top:1px solid #ccc;padding-top:1em}
.c{position:relative;border-bottom:2px solid #7aa6d8;cursor:help}
.c.unclear{border-bottom:2px dashed #d08a2a;background:#fff4e0}
.src{display:none}
#show-source:checked ~ main .src{display:inline;background:#fbe9e9}
#show-source:checked ~ main .cor{display:none}
.cor:empty::after,.src:empty::after{content:"\\2038";color:#999}
.tip{display:none;position:absolute;left:0;top:1.6em;z-index:10;width:22em;padding:.5em .7em;
 background:#333;color:#fff;font:12px/1.4 sans-serif;border-radius:4px;white-space:normal}
.c:hover .tip,.c:focus .tip{display:block}
.c:focus{outline:2px solid #7aa6d8}
"""

#: The reading view's variants (with witnesses only: without, the page is as it always was); a
#: variant's tip opens above it, so that it never covers the tip of a correction inside it.
_VARIANT_CSS = """
.v{position:relative;border-bottom:2px dotted #4a9a5b;cursor:help}
.v.ins::before{content:"\\2038";color:#4a9a5b}
.v > .tip{top:auto;bottom:1.6em;background:#24552f}
.v:hover > .tip,.v:focus > .tip{display:block}
.v:focus{outline:2px solid #4a9a5b}
"""

#: The reading view of an edition with page images: wider, each page's image floated beside the
#: text from where the page begins (hidden by the second switch, leaving the page's number).
_PAGES_CSS = """
body.with-pages{max-width:84em}
.switch.pages{position:static;margin:0 -1em;box-shadow:none;border-bottom:1px solid #e3e3e0}
#show-pages{position:fixed;top:0;left:0;opacity:0;width:1px;height:1px;margin:0}
#show-pages:checked + .switch::before{content:"\\2713";background:#3b6ea8;border-color:#3b6ea8}
#show-pages:focus-visible + .switch{outline:2px solid #3b6ea8;outline-offset:-2px}
.pb{display:block;float:right;clear:right;width:44%;margin:.3em 0 1em 1.5em;font:.8em/1.4 sans-serif;color:#555;white-space:normal}
.pb img{display:block;width:100%;height:auto;margin-top:.2em;border:1px solid #ccc;background:#fff}
.pb a{color:#3b6ea8}
#show-pages:not(:checked) ~ main .pb{float:none;width:auto;margin:0 .6em 0 0;display:inline-block}
#show-pages:not(:checked) ~ main .pb img,#show-pages:not(:checked) ~ main .pb .other{display:none}
@media (max-width:700px){.pb{float:none;width:auto;margin:.5em 0}}
"""

#: Image types every browser shows; others (TIFF, JPEG 2000) are linked instead.
_WEB_IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg")


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    attrs = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items() if v is not None}
    el = etree.Element(tag, attrs) if parent is None else etree.SubElement(parent, tag, attrs)
    if text:
        put_text(el, text)
    return el


def put_text(parent: etree._Element, s: str) -> None:
    """Append ``s`` to ``parent``; characters HTML cannot hold are shown as control pictures."""
    run: list[str] = []

    def flush() -> None:
        if run:
            last = last_child(parent)  # not len(parent): see last_child
            if last is not None:
                last.tail = (last.tail or "") + "".join(run)
            else:
                parent.text = (parent.text or "") + "".join(run)
            run.clear()

    for ch in s:
        if is_xml_char(ch) and ch != "\r":
            run.append(ch)
        else:
            flush()
            cp = ord(ch)
            shown = chr(0x2400 + cp) if cp < 0x20 else "\ufffd"
            etree.SubElement(parent, "span", {"class": "ctl", "title": f"U+{cp:04X}"}).text = shown
    flush()


def _page(title: str, css: str) -> tuple[etree._Element, etree._Element]:
    html = etree.Element("html", lang="en")
    head = _el(html, "head")
    _el(head, "meta", charset="utf-8")
    _el(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _el(head, "title", title)
    _el(head, "style", css)
    return html, _el(html, "body")


def _serialize(html: etree._Element) -> str:
    return lxml.html.tostring(html, doctype="<!DOCTYPE html>", encoding="unicode",
                              method="html") + "\n"


def _bar_chart(rows: Sequence[tuple[str, int]]) -> etree._Element:
    """A horizontal bar chart (inline SVG) of ``(label, value)`` rows."""
    bar_h, gap, label_w, width = 18, 6, 110, 420
    top = max((v for _, v in rows), default=0) or 1
    height = len(rows) * (bar_h + gap) + gap
    svg = etree.Element("svg", {"width": str(width), "height": str(height), "role": "img",
                                "viewBox": f"0 0 {width} {height}"})
    _el(svg, "title", "Changes by kind")
    for n, (label, value) in enumerate(rows):
        y = gap + n * (bar_h + gap)
        w = max(1, round((width - label_w - 50) * value / top))
        _el(svg, "text", label, x=str(label_w - 6), y=str(y + 13), text_anchor="end",
            font_size="12", font_family="sans-serif")
        _el(svg, "rect", x=str(label_w), y=str(y), width=str(w), height=str(bar_h), fill="#7aa6d8")
        _el(svg, "text", str(value), x=str(label_w + w + 4), y=str(y + 13), font_size="12",
            font_family="sans-serif")
    return svg


def _table(parent: etree._Element, header: Sequence[str], rows: Sequence[Sequence[Any]],
           row_ids: Sequence[str | None] | None = None,
           columns: Sequence[str] | None = None) -> etree._Element:
    """A table; ``columns``: a class for each column's cells (for the style sheet)."""
    table = _el(parent, "table")
    tr = _el(table, "tr")
    for n, h in enumerate(header):
        _el(tr, "th", h, class_=columns[n] if columns else None)
    for n, row in enumerate(rows):
        tr = _el(table, "tr", id=row_ids[n] if row_ids else None)
        for i, cell in enumerate(row):
            num = isinstance(cell, (int, float)) and not isinstance(cell, bool)
            classes = " ".join(c for c in ("num" if num else "", columns[i] if columns else "") if c)
            _el(tr, "td", "" if cell is None else str(cell), class_=classes or None)
    return table


def diff_page(*, title: str, source_name: str, source_sha256: str,
              segments: Sequence[Segment], audit: dict[str, Any]) -> str:
    """``NAME.diff.html``: summary, chart, the marked-up text, the table of decisions."""
    html, body = _page(f"Diff: {title}", _DIFF_CSS)
    _el(body, "h1", f"{title}: source and edition")
    _el(body, "p", f"Source {source_name} (SHA-256 {source_sha256}). Deleted source text is "
                       f"struck through in red, inserted text is green; the small link after "
                       f"each change leads to the decision that made it.")
    jump = _el(body, "p", class_="jump")
    _el(jump, "a", "Jump to the text \u2193", href="#text")
    put_text(jump, " \u00b7 ")
    _el(jump, "a", "the decisions", href="#decisions")
    summary = audit["summary"]
    _el(body, "h2", "Summary")
    _table(body, ["changes", "characters changed", "source characters", "edition characters"],
           [[summary["changes"], summary["characters_changed"], audit["source"]["characters"],
             audit["edition"]["characters"]]])
    kinds = summary["by_kind"]
    if kinds:
        _table(body, ["kind", "changes", "characters changed"],
               [[k, v["changes"], v["characters"]] for k, v in kinds.items()])
        body.append(_bar_chart([(k, v["changes"]) for k, v in kinds.items()]))
    if summary["decisions"]:
        _table(body, ["decision", "count"], [[k, v] for k, v in summary["decisions"].items()])

    _el(body, "h2", "Text")
    section = _el(body, "section", id="text")  # the change bar sticks while the text scrolls
    changed = sum(1 for s in segments if s.tag != "equal")
    nav = _el(section, "nav", class_="changes", aria_label="changes")
    _el(nav, "a", "\u25b2 Previous change", href=f"#h-{changed}", id="prev-change")
    _el(nav, "a", "Next change \u25bc", href="#h-1", id="next-change")
    _el(nav, "span", f"{changed} change{'' if changed == 1 else 's'}", id="where",
        aria_live="polite")
    _el(nav, "span", "keys: n next, p previous", class_="keys")
    text = _el(section, "div", class_="text")
    n = 0
    for s in segments:
        if s.tag == "equal":
            put_text(text, s.old)
            continue
        n += 1
        hunk = _el(text, "span", class_="hunk" if s.ids else "hunk orphan", id=f"h-{n}")
        if s.old:
            _el(hunk, "del", s.old)
        if s.new:
            _el(hunk, "ins", s.new)
        for cid in s.ids:
            _el(hunk, "a", cid, href=f"#d-{xml_id(cid)}", title=f"decision {cid}")
        if not s.ids:
            _el(hunk, "a", "no decision", title="no decision explains this change")

    _el(body, "h2", "Decisions", id="decisions")
    entries = audit["entries"]
    _table(_el(body, "div", class_="wide"),
           ["id", "kind", "decision", "effect", "original", "reading", "by", "on",
            "confidence", "why"],
           [[e["id"], e["kind"], e["status"], e["effect"], e["original"], e["reading"], e["by"],
             e["on"], e["confidence"], e["why"]] for e in entries],
           row_ids=[f"d-{e['xml_id']}" for e in entries],
           columns=["id", "kind", "status", "effect", "original", "reading", "by", "on",
                    "confidence", "why"])
    _el(body, "script", _DIFF_SCRIPT)
    return _serialize(html)


def _tip(c: Correction) -> str:
    what = "flagged as unclear (no safe reading)" if c.status is Status.FLAGGED else \
        f"{c.original!r} → {c.reading!r}"
    who = f" by {c.by}" if c.by else ""
    when = f" on {c.on}" if c.on else ""
    why = f" Evidence: {c.why}" if c.why else ""
    note = f" Note: {c.note}" if c.note else ""
    return (f"{c.id} · {c.kind.value} · {c.status.value}{who}{when} · confidence "
            f"{c.confidence:g}. {what}.{why}{note}")


def _correction(parent: etree._Element, text: str, pos: int, c: Correction) -> int:
    """The text from ``pos`` to correction ``c``, then ``c`` (both readings and its tip);
    returns the offset after it."""
    put_text(parent, text[pos:c.start])
    unclear = c.status is Status.FLAGGED
    span = _el(parent, "span", class_="c unclear" if unclear else f"c k-{c.kind.value}",
               tabindex="0", id=f"c-{xml_id(c.id)}")
    if unclear:
        _el(span, "span", c.original)
    else:
        _el(span, "span", c.reading or "", class_="cor")
        _el(span, "span", c.original, class_="src")
    _el(span, "span", _tip(c), class_="tip", role="tooltip")
    return c.end


def _variant_tip(e: AppEntry, text: str) -> str:
    """``A, C: lemma · B: reading``: each reading with the witnesses that have it."""
    lemma = " ".join(text[e.start:e.end].split()) or "(nothing)"
    parts = [f"{', '.join(e.lemma_wit)}: {lemma}"]
    parts += [f"{', '.join(sigla)}: {reading or '(nothing)'}" for sigla, reading in e.readings]
    return " · ".join(parts)


_ROLE_TAG = {Role.TITLE: "h1", Role.HEAD: "h2", Role.CONTENTS: "li"}


def _page_mark(parent: etree._Element, m: Milestone, surface: Surface, folder: Path | None) -> None:
    """Where a page begins: its number and its image (a link for a type browsers cannot show)."""
    mark = _el(parent, "span", class_="pb", id=f"page-{surface.number}")
    _el(mark, "span", f"page {surface.number}", class_="pn")
    if surface.image is None:
        return
    url = image_url(surface.image, folder)
    if surface.image.suffix.lower() in _WEB_IMAGES:
        _el(mark, "img", src=url, alt=f"The image of page {surface.number}", loading="lazy")
    else:
        mark_tail = _el(mark, "span", " · ", class_="other")
        _el(mark_tail, "a", f"page image ({surface.image.name})", href=url)


def reading_view(plan: EditionPlan, *, metadata: EditionMetadata,
                 folder: Path | None = None) -> str:
    """``NAME.html``: the edition to read, with the source reading one click away (``folder``:
    where it is written, from which page images are linked)."""
    source_text, encoded, lay = plan.source.text, plan.encoded, plan.layout
    fx = plan.facsimile
    with_pages = fx is not None and any(s.image is not None for s in fx.surfaces)
    html, body = _page(metadata.title, _READING_CSS + (_PAGES_CSS if with_pages else "")
                       + (_VARIANT_CSS if plan.apparatus else ""))
    # The checkbox comes before main (the CSS that switches readings is `:checked ~ main`), so
    # it is hidden and the sticky bar, its label, draws its state.
    _el(body, "input", type="checkbox", id="show-source")
    _el(body, "label", "Show the source reading (OCR)", for_="show-source", class_="switch")
    pages: deque[Milestone] = deque()
    surfaces: dict[str, Surface] = {}
    if with_pages:
        assert fx is not None
        body.set("class", "with-pages")
        _el(body, "input", type="checkbox", id="show-pages", checked="checked")
        _el(body, "label", "Show the page images", for_="show-pages", class_="switch pages")
        pages.extend(m for m in fx.milestones if m.tag == "pb")
        surfaces = {s.id: s for s in fx.surfaces}

    def text(el: etree._Element, a: int, b: int, *, upto: int | None = None) -> None:
        """``source_text[a:b]``, with the marks of the pages that begin before ``upto`` (default
        ``b``) where they begin (those inside a correction: before it)."""
        limit = b if upto is None else upto
        while pages and pages[0].offset < limit:
            at = max(a, min(pages[0].offset, b))
            put_text(el, source_text[a:at])
            m = pages.popleft()
            _page_mark(el, m, surfaces[m.facs or ""], folder)
            a = at
        put_text(el, source_text[a:b])

    _el(body, "p", "Underlined words are corrections: hover over or tap one for the decision "
                   "behind it." + (" Words underlined in dots are read otherwise by another "
                                   "witness: hover over or tap one for the readings."
                                   if plan.apparatus is not None else ""), class_="hint")
    entries = plan.apparatus.entries if plan.apparatus is not None else ()
    main = _el(body, "main")
    contents_list = None
    for block in lay.blocks:
        if block.role is Role.CONTENTS:
            if contents_list is None:
                contents_list = _el(main, "ul", class_="contents")
            parent = contents_list
        else:
            contents_list = None
            parent = main
        tag = _ROLE_TAG.get(block.role, "p")
        el = _el(parent, tag, class_=block.role.value)
        inside = [c for c in encoded if block.start <= c.start and c.end <= block.end]
        variants = [e for e in entries if block.start <= e.start and e.end <= block.end]
        pos, k = block.start, 0
        for e in variants:
            # the corrections before the variant, then the variant with those inside it
            while k < len(inside) and inside[k].end <= e.start and not (
                    e.start < e.end and inside[k].start >= e.start):
                text(el, pos, inside[k].start, upto=inside[k].end)
                pos = _correction(el, source_text, inside[k].start, inside[k])
                k += 1
            inner = []
            while (k < len(inside) and e.start < e.end and e.start <= inside[k].start
                   and inside[k].end <= e.end):
                inner.append(inside[k])
                k += 1
            text(el, pos, e.start, upto=e.end)  # a page that begins inside: before the variant
            span = _el(el, "span", class_="v" if e.start < e.end else "v ins", tabindex="0")
            at = e.start
            for c in inner:
                at = _correction(span, source_text, at, c)
            put_text(span, source_text[at:e.end])
            _el(span, "span", _variant_tip(e, source_text), class_="tip", role="tooltip")
            pos = e.end
        for c in inside[k:]:
            text(el, pos, c.start, upto=c.end)
            pos = _correction(el, source_text, c.start, c)
        text(el, pos, block.end)
    if pages:  # pages after the last text (no text of their own)
        last = main[-1] if len(main) else _el(main, "p")
        while pages:
            m = pages.popleft()
            _page_mark(last, m, surfaces[m.facs or ""], folder)
    return _serialize(html)
