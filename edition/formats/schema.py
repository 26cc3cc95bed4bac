"""Checking an OCR file against its format's schema (the XSDs shipped in ``schemas/``).

- ALTO 3 against ``alto-3-1.xsd``; PAGE 2013 and 2019 against theirs (see ``schemas/SOURCE.md``).
- ALTO 2 and 4, and other PAGE versions, have no schema here: they are checked for the
  structure ``edition`` relies on (pages, lines, words with boxes, unique ids).
- hOCR has no schema: it is checked as the hOCR specification asks (an ``ocr_page`` with a
  ``bbox``, words inside lines inside pages, unique ids) and must be well-formed XHTML.

:func:`schema_errors` returns the problems as lines of text (empty: valid).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import hocr
from .reader import format_of

SCHEMAS = Path(__file__).resolve().parent / "schemas"
_FILES = {("alto", "3"): "alto-3-1.xsd", ("page", "2019-07-15"): "page-2019-07-15.xsd",
          ("page", "2013-07-15"): "page-2013-07-15.xsd"}


class _LocalSchemas(etree.Resolver):
    """Resolve the schemas' imports (xlink) to the files shipped here: nothing is fetched."""

    def resolve(self, url, id, context):  # noqa: A002 (lxml's signature)
        name = (url or "").rsplit("/", 1)[-1]
        if (SCHEMAS / name).is_file():
            return self.resolve_filename(str(SCHEMAS / name), context)
        return None


@lru_cache(maxsize=None)
def xml_schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def schema_errors(data: bytes) -> list[str]:
    """What is wrong with the OCR file ``data`` (empty when it is valid)."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True,
                                                      huge_tree=True))
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed: {exc}"]
    found = format_of(root)
    if found is None:
        return ["neither ALTO, hOCR nor PAGE XML"]
    errors = _structure_errors(root, found[0])
    name = _FILES.get(found)
    if name:
        schema = xml_schema(name)
        if not schema.validate(root.getroottree()):
            errors += [f"line {e.line}: {e.message}" for e in schema.error_log]
    return errors


def _structure_errors(root: etree._Element, fmt: str) -> list[str]:
    errors = []
    attr = "ID" if fmt == "alto" else "id"
    ids = Counter(e.get(attr) for e in root.iter() if isinstance(e.tag, str) and e.get(attr))
    errors += [f"id {i!r} is used {n} times" for i, n in ids.items() if n > 1]
    if fmt == "hocr":
        pages = [e for e in root.iter() if isinstance(e.tag, str) and "ocr_page" in hocr.classes(e)]
        for p in pages:
            if "bbox" not in hocr.properties(p.get("title")):
                errors.append(f"ocr_page {p.get('id')!r} has no bbox")
        for w in root.iter():
            if not isinstance(w.tag, str) or "ocrx_word" not in hocr.classes(w):
                continue
            if "bbox" not in hocr.properties(w.get("title")):
                errors.append(f"word {w.get('id')!r} has no bbox")
            if not any(a in pages for a in w.iterancestors()):
                errors.append(f"word {w.get('id')!r} is outside every ocr_page")
    return errors
