"""Checking that every ``#pointer`` of a TEI document resolves to an ``xml:id`` in it.

No validator checks this (RELAX NG sees only a URI, the tei_all Schematron rules check a few
attributes at most), so we do: every token starting with ``#`` in a pointer attribute
(``@resp``, ``@who``, ``@target``, ``@ref``, ... — TEI's attributes of type teidata.pointer) must
name an element of the same document.

>>> from lxml import etree
>>> doc = etree.fromstring('<TEI><name xml:id="a"/><corr resp="#a #b"/></TEI>')
>>> [(p.attribute, p.target) for p in unresolved_pointers(doc)]
[('resp', '#b')]
"""
from __future__ import annotations

from typing import NamedTuple

from lxml import etree

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: TEI attributes whose values are (lists of) pointers.
POINTER_ATTRIBUTES = frozenset({
    "resp", "who", "target", "ref", "corresp", "source", "ana", "facs", "hand", "scheme",
    "decls", "wit", "synch", "sameAs", "copyOf", "next", "prev", "select", "exclude", "start",
    "end", "from", "to", "spanTo", "active", "passive", "mutual", "key_ref", "change",
    "instant", "origin", "period", "rendition", "sortKey_ref", "location", "agent_ref",
})


class Pointer(NamedTuple):
    line: int
    element: str
    attribute: str
    target: str


def unresolved_pointers(doc: etree._ElementTree | etree._Element) -> list[Pointer]:
    """Every local pointer (``#id``) of ``doc`` that names no ``xml:id``, in document order."""
    root = doc.getroot() if isinstance(doc, etree._ElementTree) else doc
    ids = {el.get(XML_ID) for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            local = etree.QName(name).localname if name.startswith("{") else name
            if local not in POINTER_ATTRIBUTES:
                continue
            for token in value.split():
                if token.startswith("#") and token[1:] not in ids:
                    out.append(Pointer(el.sourceline or 0, etree.QName(el).localname, local, token))
    return out
