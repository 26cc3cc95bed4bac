"""Writing the TEI P5 edition: the source as copy text, the decisions as markup.

:func:`write_tei` turns an edition plan (:mod:`edition.publish.plan`: the source, its decisions
checked, the blocks of the text) and the edition metadata into a TEI document (bytes, UTF-8).
What goes where:

- accepted and edited corrections: ``<choice xml:id="ID"><sic>original</sic><corr resp="#ed-..."
  cert="0.97" type="glyph">reading</corr></choice>``; kind ``variant`` uses ``orig``/``reg``;
- flagged passages: ``<unclear xml:id="ID" reason="ocr" resp="#ed-...">original</unclear>``;
- rejected and pending proposals: nothing (the source reading stands);
- the blocks of :mod:`edition.publish.tei.structure`: ``titlePage`` (``byline``, ``docTitle``), the
  contents ``list``, body ``div``s with ``head`` and ``p``, the colophon in ``back``;
- with witnesses, the apparatus in parallel segmentation: ``<app><lem wit="#A">source</lem>
  <rdg wit="#B">reading</rdg></app>`` (a decision inside a variant goes into its ``lem``), the
  witnesses in ``sourceDesc/listWit`` (file name and SHA-256 each) and ``variantEncoding`` in
  the ``encodingDesc``;
- ``<text xml:space="preserve">``: the blank lines between blocks are the whitespace between their
  elements and newlines inside a block are kept (with ``<lb/>``), so the source is rebuilt exactly
  (:mod:`edition.publish.tei.reader`);
- a source made from OCR files also gets its ``<facsimile>`` (the page images, their lines and the
  decisions' words), ``<pb/>`` and ``<lb/>`` where its pages and lines begin, linked to them by
  ``@facs``, as do the decisions (:mod:`edition.publish.tei.facsimile`);
- the header: ``titleStmt`` (title, author, one ``respStmt`` per editor), ``publicationStmt``,
  ``sourceDesc`` (the electronic text with its file name and SHA-256, the print edition),
  ``encodingDesc`` (the application, ``editorialDecl``, ``charDecl`` when needed), and
  ``revisionDesc`` with one ``change`` per review event (an editor's decisions of one day).

The output depends only on its inputs (no clock), so building twice gives the same bytes and
:mod:`edition.publish.verify` can rebuild and compare.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from lxml import etree

from ...errors import EditionError
from ...model import Correction, Kind, Status
from ..apparatus import AppEntry
from ..plan import EditionPlan, xml_id
from .facsimile import MilestoneWriter, facsimile_element
from .metadata import EditionMetadata
from .structure import Block, Layout, Role
from .xmltext import TEI_NS, XML_NS, append_text, char_decl, forbidden_chars, tei

XML_ID = f"{{{XML_NS}}}id"
_DATE = re.compile(r"\A(\d{4}-\d{2}-\d{2})")
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_YEAR = re.compile(r"(?:\b(" + "|".join(_MONTHS) + r")\s+)?\b(1[0-9]{3}|20[0-9]{2})\b", re.I)


def editor_ids(corrections: Iterable[Correction], taken: set[str]) -> dict[str, str]:
    """``{editor name: xml:id}`` for every editor who decided something, in order of name."""
    names = sorted({c.by for c in corrections if c.decided and c.by})
    out: dict[str, str] = {}
    used = set(taken)
    for name in names:
        ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()
        if not slug:
            slug = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        base = f"ed-{slug}"
        cand, n = base, 2
        while cand in used:
            cand, n = f"{base}-{n}", n + 1
        used.add(cand)
        out[name] = cand
    return out


def cert_value(confidence: float) -> str:
    """``@cert`` as TEI's probability (teidata.probCert allows a number from 0 to 1)."""
    return f"{confidence:.3f}".rstrip("0").rstrip(".") if confidence not in (0, 1) else str(int(confidence))


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tei(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        append_text(el, text, tei)
    return el


@dataclass(frozen=True)
class TeiInputs:
    """What the TEI is made from: the edition plan (:mod:`edition.publish.plan`), the metadata
    and the version of `edition` named in the header."""

    plan: EditionPlan
    metadata: EditionMetadata
    app_version: str
    #: the folder the TEI is written to: the page images' URLs are relative to it
    folder: Path | None = None


def review_events(corrections: Iterable[Correction]) -> list[tuple[str | None, str | None, list[Correction]]]:
    """Decisions grouped by ``(editor, day)``, in order of day then editor."""
    groups: dict[tuple[str | None, str | None], list[Correction]] = defaultdict(list)
    for c in corrections:
        if c.decided:
            m = _DATE.match(c.on or "")
            groups[(c.by, m.group(1) if m else None)].append(c)
    return [(by, day, sorted(cs, key=lambda c: (c.start, c.id)))
            for (by, day), cs in sorted(groups.items(), key=lambda kv: (kv[0][1] or "", kv[0][0] or ""))]


def latest_decision_day(corrections: Iterable[Correction]) -> str | None:
    days = [m.group(1) for c in corrections if c.decided for m in [_DATE.match(c.on or "")] if m]
    return max(days) if days else None


def _dated_text(parent: etree._Element, value: str) -> None:
    """``value`` as text, with its last year (and the month before it) marked as ``<date>``."""
    matches = list(_YEAR.finditer(value))
    if not matches:
        append_text(parent, value, tei)
        return
    m = matches[-1]
    when = m.group(2)
    if m.group(1):
        when += f"-{_MONTHS.index(m.group(1).lower()) + 1:02d}"
    append_text(parent, value[:m.start()], tei)
    _sub(parent, "date", value[m.start():m.end()], when=when)
    append_text(parent, value[m.end():], tei)


def _title_and_author(bibl: etree._Element, meta: EditionMetadata) -> None:
    """``Title, Author. `` at the head of a ``<bibl>`` (the author only when known)."""
    _sub(bibl, "title", meta.title)
    if meta.author:
        append_text(bibl, ", ", tei)
        _sub(bibl, "author", meta.author)
    append_text(bibl, ". ", tei)


def _edition_statement(bibl: etree._Element, label: str | None, value: str) -> None:
    """``Label: value`` in a ``<bibl>``: the label as ``<edition>`` when given, the value dated."""
    if label:
        _sub(bibl, "edition", label)
        append_text(bibl, ": ", tei)
    _dated_text(bibl, value)


def _header(inp: TeiInputs, encoded: list[Correction], editors: dict[str, str],
            chars: set[str]) -> etree._Element:
    meta, source = inp.metadata, inp.plan.source
    header = etree.Element(tei("teiHeader"))
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", meta.title, type="main")
    if meta.author:
        _sub(title_stmt, "author", meta.author)
    for name, eid in editors.items():
        rs = _sub(title_stmt, "respStmt", **{XML_ID: eid})
        _sub(rs, "resp", meta.resp_of(name))
        _sub(rs, "name", name)

    pub = _sub(file_desc, "publicationStmt")
    date = meta.date or latest_decision_day(inp.plan.corrections)
    if meta.publisher:
        _sub(pub, "publisher", meta.publisher)
        if meta.pub_place:
            _sub(pub, "pubPlace", meta.pub_place)
        if date:
            _sub(pub, "date", date, when=date if re.fullmatch(r"\d{4}(-\d\d){0,2}", date) else None)
        if meta.licence:
            avail = _sub(pub, "availability")
            _sub(avail, "licence", meta.licence)
    else:
        p = _sub(pub, "p", "Not published: a working edition (no publisher is named in the edition "
                           "metadata)")
        if date:
            append_text(p, ", state of ", tei)
            _sub(p, "date", date, when=date if re.fullmatch(r"\d{4}(-\d\d){0,2}", date) else None)
        append_text(p, ".", tei)
        if meta.licence:
            _sub(pub, "p", f"Licence: {meta.licence}")

    source_desc = _sub(file_desc, "sourceDesc")
    el = _sub(source_desc, "bibl", type="electronic")
    _title_and_author(el, meta)
    if meta.electronic_edition:
        _edition_statement(el, meta.electronic_label, meta.electronic_edition)
        append_text(el, " ", tei)
    append_text(el, "Transcription used as copy text: ", tei)
    _sub(el, "idno", source.path.name, type="filename")
    append_text(el, ", SHA-256 of its text (UTF-8, LF line ends) ", tei)
    _sub(el, "idno", source.sha256, type="sha256")
    append_text(el, ".", tei)
    if meta.print_edition:
        pb = _sub(source_desc, "bibl", type="print")
        _title_and_author(pb, meta)
        _edition_statement(pb, meta.print_label, meta.print_edition)
    apparatus = inp.plan.apparatus
    if apparatus is not None:
        list_wit = _sub(source_desc, "listWit")
        for k, w in enumerate(apparatus.witnesses):
            el = _sub(list_wit, "witness", **{XML_ID: w.siglum})
            append_text(el, "The copy text: " if k == 0 else "A witness: ", tei)
            _sub(el, "idno", w.path, type="filename")
            append_text(el, ", SHA-256 of its text ", tei)
            _sub(el, "idno", w.sha256, type="sha256")
            append_text(el, ".", tei)

    enc = _sub(header, "encodingDesc")
    app_info = _sub(enc, "appInfo")
    app = _sub(app_info, "application", ident="edition", version=inp.app_version)
    _sub(app, "label", "edition")
    decl = _sub(enc, "editorialDecl")
    _sub(_sub(decl, "correction"), "p", meta.correction)
    _sub(_sub(decl, "normalization"), "p", meta.normalization)
    _sub(_sub(decl, "hyphenation"), "p", meta.hyphenation)
    if apparatus is not None:
        _sub(enc, "variantEncoding", method="parallel-segmentation", location="internal")
    if chars:
        enc.append(char_decl(chars))

    if meta.language:
        prof = _sub(header, "profileDesc")
        _sub(_sub(prof, "langUsage"), "language", meta.language, ident=meta.language)

    events = review_events(inp.plan.corrections)
    if events:
        encoded_ids = {c.id for c in encoded}
        rev = _sub(header, "revisionDesc")
        for by, day, cs in events:
            counts: dict[str, int] = defaultdict(int)
            for c in cs:
                counts[c.status.value] += 1
            summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            targets = " ".join(f"#{xml_id(c.id)}" for c in cs if c.id in encoded_ids)
            _sub(rev, "change", f"{by or 'an unnamed editor'}: {summary}",
                 when=day, who=f"#{editors[by]}" if by else None, target=targets or None)
    etree.indent(header, space=" ")
    return header


def _decision_element(c: Correction, editors: dict[str, str],
                      marks: MilestoneWriter | None = None, facs: str | None = None) -> etree._Element:
    resp = f"#{editors[c.by]}" if c.by else None
    if c.status is Status.FLAGGED:
        el = etree.Element(tei("unclear"), {XML_ID: xml_id(c.id), "reason": "ocr"})
        if resp:
            el.set("resp", resp)
        el.set("cert", cert_value(c.confidence))
        if facs:
            el.set("facs", facs)
        _original(el, c, marks)
        return el
    el = etree.Element(tei("choice"), {XML_ID: xml_id(c.id)})
    if facs:
        el.set("facs", facs)
    orig_tag, reading_tag = ("orig", "reg") if c.kind is Kind.VARIANT else ("sic", "corr")
    _original(_sub(el, orig_tag), c, marks)
    _sub(el, reading_tag, c.reading or "", type=c.kind.value, resp=resp, cert=cert_value(c.confidence))
    return el


def _original(el: etree._Element, c: Correction, marks: MilestoneWriter | None) -> None:
    """The source's text of ``c`` into ``el`` (with the lines that begin inside it)."""
    if marks is None:
        append_text(el, c.original, tei)
    else:
        marks.put(el, c.start, c.end, include_end=False)


def _fill(parent: etree._Element, text: str, start: int, end: int,
          corrections: list[Correction], editors: dict[str, str],
          marks: MilestoneWriter | None = None, facs: dict[str, str] | None = None,
          entries: Sequence[AppEntry] = (), include_end: bool = True) -> None:
    """Encode ``text[start:end]`` into ``parent`` with the corrections and the apparatus
    entries that lie in it (a correction inside an entry goes into its lemma; for an OCR
    source, the page and line beginnings ``marks`` places: one at ``end`` only with
    ``include_end``, so that a line beginning right after a variant has its lb after it)."""
    def put(a: int, b: int, last: bool = False) -> None:
        if marks is None:
            append_text(parent, text[a:b], tei)
        else:
            marks.put(parent, a, b, include_end=include_end or not last)

    def decision(c: Correction) -> None:
        parent.append(_decision_element(c, editors, marks, (facs or {}).get(c.id)))

    pos, k = start, 0
    for e in entries:
        while k < len(corrections) and corrections[k].end <= e.start and not (
                e.start < e.end and corrections[k].start >= e.start):
            put(pos, corrections[k].start)
            decision(corrections[k])
            pos = corrections[k].end
            k += 1
        inner = []
        while k < len(corrections) and e.start <= corrections[k].start and corrections[k].end <= e.end \
                and e.start < e.end:
            inner.append(corrections[k])
            k += 1
        put(pos, e.start)
        app = _sub(parent, "app")
        lem = _sub(app, "lem", wit=" ".join(f"#{s}" for s in e.lemma_wit))
        _fill(lem, text, e.start, e.end, inner, editors, marks, facs, include_end=False)
        for sigla, reading in e.readings:
            _sub(app, "rdg", reading or None, wit=" ".join(f"#{s}" for s in sigla))
        pos = e.end
    for c in corrections[k:]:
        put(pos, c.start)
        decision(c)
        pos = c.end
    put(pos, end, last=True)


def _in(block: Block, corrections: list[Correction]) -> list[Correction]:
    return [c for c in corrections if block.start <= c.start and c.end <= block.end]


# Where each role's element lives: a path of containers (key, tag, attributes).
def _containers(role: Role, section: int) -> list[tuple[str, str, dict[str, str]]]:
    if role is Role.BYLINE:
        return [("front", "front", {}), ("titlePage", "titlePage", {})]
    if role is Role.TITLE:
        return [("front", "front", {}), ("titlePage", "titlePage", {}), ("docTitle", "docTitle", {})]
    if role is Role.CONTENTS:
        return [("front", "front", {}), ("contents", "div", {"type": "contents"}),
                ("list", "list", {"type": "contents"})]
    if role is Role.FRONT:
        return [("front", "front", {}), ("frontdiv", "div", {"type": "front"})]
    if role is Role.COLOPHON:
        return [("back", "back", {}), ("colophon", "div", {"type": "colophon"})]
    return [("body", "body", {}), (f"div{section}", "div", {"type": "section"})]


_BLOCK_TAG = {Role.BYLINE: "byline", Role.TITLE: "titlePart", Role.CONTENTS: "item",
              Role.FRONT: "p", Role.HEAD: "head", Role.P: "p", Role.COLOPHON: "p"}


def _text(inp: TeiInputs, lay: Layout, encoded: list[Correction], editors: dict[str, str]) -> etree._Element:
    text = inp.plan.source.text
    entries = inp.plan.apparatus.entries if inp.plan.apparatus is not None else ()
    fx = inp.plan.facsimile
    marks = MilestoneWriter(text, fx.milestones) if fx else None
    facs = {cid: " ".join(f"#{z}" for z in zones) for cid, zones in fx.decisions.items()
            if zones} if fx else None
    text_el = etree.Element(tei("text"))
    text_el.set(f"{{{XML_NS}}}space", "preserve")
    text_el.text = text[:lay.blocks[0].start]
    open_: list[tuple[str, etree._Element]] = []
    section = 0
    for i, block in enumerate(lay.blocks):
        if block.role is Role.HEAD:
            section += 1
        path = _containers(block.role, section)
        keep = 0
        while keep < min(len(open_), len(path)) and open_[keep][0] == path[keep][0]:
            keep += 1
        open_ = open_[:keep]
        parent = open_[-1][1] if open_ else text_el
        for key, tag, attrs in path[keep:]:
            parent = etree.SubElement(parent, tei(tag), attrs)
            open_.append((key, parent))
        el = etree.SubElement(parent, tei(_BLOCK_TAG[block.role]))
        if block.role is Role.TITLE:
            el.set("type", "main")
        inside = _in(block, encoded)
        variants = [e for e in entries if block.start <= e.start and e.end <= block.end]
        start = block.start
        if block.role is Role.BYLINE and inp.metadata.author:
            line_end = text.find("\n", block.start, block.end)
            line_end = block.end if line_end == -1 else line_end
            if (text[block.start:line_end].strip() == inp.metadata.author
                    and not any(c.start < line_end and c.end > block.start for c in inside)
                    and not any(e.start <= line_end for e in variants)):
                _fill(_sub(el, "docAuthor"), text, block.start, line_end, [], editors, marks, facs)
                start = line_end
        _fill(el, text, start, block.end, [c for c in inside if c.start >= start], editors,
              marks, facs, variants)
        nxt = lay.blocks[i + 1].start if i + 1 < len(lay.blocks) else len(text)
        el.tail = text[block.end:nxt]
    return text_el


def write_tei(inp: TeiInputs) -> bytes:
    """The TEI document for ``inp`` as UTF-8 bytes (see the module docstring)."""
    plan = inp.plan
    text, encoded, lay = plan.source.text, list(plan.encoded), plan.layout
    taken = {xml_id(c.id) for c in encoded}
    editors = editor_ids(plan.corrections, taken)
    chars = forbidden_chars(text)
    for c in encoded:
        chars |= forbidden_chars(c.reading or "")
    taken |= set(editors.values())
    if plan.apparatus is not None:
        sigla = {w.siglum for w in plan.apparatus.witnesses}
        if sigla & taken:
            raise EditionError(f"the witness siglum {sorted(sigla & taken)[0]} is the xml:id of a "
                               f"correction or an editor; choose other sigla")
        taken |= sigla
    clash = {f"char-U{ord(ch):04X}" for ch in chars} & taken
    if clash:
        raise EditionError(f"correction or editor id {sorted(clash)[0]} is reserved for a character "
                           f"declaration; rename it")
    root = etree.Element(tei("TEI"), nsmap={None: TEI_NS})
    if inp.metadata.language:
        root.set(f"{{{XML_NS}}}lang", inp.metadata.language)
    clash = plan.facsimile.ids & taken if plan.facsimile else set()
    if clash:
        raise EditionError(f"correction or editor id {sorted(clash)[0]} is the id of a page or "
                           f"line of the facsimile; rename it")
    root.append(_header(inp, encoded, editors, chars))
    if plan.facsimile:
        root.append(facsimile_element(plan.facsimile, inp.folder))
    root.append(_text(inp, lay, encoded, editors))
    root.text = "\n"
    for child in root:
        child.tail = "\n"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
