"""Compile the edition's TEI customization (``edition/publish/schemas/edition.odd``) into the
RELAX NG schema every build is validated against (``edition/publish/schemas/edition.rng``).

Usage::

    python benchmarks/derive/compile_odd.py            # writes edition/publish/schemas/edition.rng
    python benchmarks/derive/compile_odd.py --check    # exit 1 if the shipped schema is not what
                                                       # the ODD compiles to

The TEI's own ODD processor (the TEI Stylesheets' ``odd2odd`` and ``odd2relax``, run by Saxon
or by the TEI's web service) is not packaged for Debian or PyPI, and it needs the whole TEI
source (``p5subset.xml``). This script does the one thing the edition's ODD asks of it, with
what ships here: it takes ``tei_all.rng`` (TEI P5 compiled with every module) and keeps the
elements the ODD selects, exactly as an ODD processor does for ``moduleRef/@include`` and
``elementRef``:

1. the elements kept are the names in the ``include`` lists of the ``schemaSpec``'s
   ``moduleRef``s and the ``key`` of its ``elementRef``s (a name ``tei_all`` does not define is
   an error, and so is any other customization: this is no general ODD processor);
2. every reference to an element left out becomes ``notAllowed``, which RELAX NG's own
   simplification rules then carry up: a ``choice`` drops it; a ``group``, ``interleave``,
   ``oneOrMore``, ``list`` or the content of an ``element`` that needs it becomes
   ``notAllowed`` itself; ``optional`` and ``zeroOrMore`` of it become ``empty``; a ``define``
   that becomes ``notAllowed`` is one more element or class left out, until nothing changes;
3. the schema starts at the ``schemaSpec``'s ``start`` elements, and only the definitions
   reachable from there are written, in ``tei_all``'s order; the Schematron rules embedded in
   ``tei_all.rng`` are left out (lxml cannot run them; ``tei_all.sch`` keeps them for
   ``verify --strict``), its documentation kept.

Step 2 only ever removes alternatives, so a document valid against the result is valid against
``tei_all.rng``. The output depends only on the two inputs (their SHA-256 are in its header), so
running the script again gives the same bytes.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "edition" / "publish" / "schemas"
ODD = SCHEMAS / "edition.odd"
TEI_ALL = SCHEMAS / "tei_all.rng"
OUT = SCHEMAS / "edition.rng"

TEI = "http://www.tei-c.org/ns/1.0"
RNG = "http://relaxng.org/ns/structure/1.0"
SCH = "http://purl.oclc.org/dsdl/schematron"


def _rng(tag: str) -> str:
    return f"{{{RNG}}}{tag}"


#: What :meth:`Compiler.simplify` returns for a pattern that matches only the empty sequence.
EMPTY = etree.Element(_rng("empty"))
#: The name classes an ``element`` may name itself by, instead of a ``name`` attribute.
NAME_CLASSES = ("name", "anyName", "nsName", "choice")


def selection(odd: etree._ElementTree) -> tuple[str, str, list[str], set[str]]:
    """``(ident, prefix, start elements, elements kept)`` of the ODD's one ``schemaSpec``."""
    specs = odd.findall(f".//{{{TEI}}}schemaSpec")
    if len(specs) != 1:
        raise SystemExit(f"{ODD}: expected one schemaSpec, found {len(specs)}")
    spec = specs[0]
    kept: set[str] = set()
    for child in spec:
        if not isinstance(child.tag, str) or child.tag is etree.Comment:
            continue
        name = etree.QName(child).localname
        if name == "moduleRef":
            if child.get("key") == "tei":
                continue  # the infrastructure: classes and datatypes, no elements
            include = child.get("include")
            if include is None or child.get("except") is not None:
                raise SystemExit(f"{ODD}: moduleRef key={child.get('key')!r} needs an include "
                                 f"list (this compiler selects elements, nothing else)")
            kept.update(include.split())
        elif name == "elementRef":
            kept.add(child.get("key"))
        else:
            raise SystemExit(f"{ODD}: {name} is not supported by this compiler (moduleRef "
                             f"include lists and elementRef only)")
    start = (spec.get("start") or "TEI").split()
    return spec.get("ident"), spec.get("prefix", "tei_"), start, kept


class Compiler:
    """The element selection of :func:`selection` applied to ``tei_all.rng``."""

    def __init__(self, grammar: etree._Element, prefix: str, kept: set[str]) -> None:
        self.grammar = grammar
        self.defines = {d.get("name"): d for d in grammar.findall(_rng("define"))}
        elements = {name: d[0].get("name") for name, d in self.defines.items()
                    if len(d) and d[0].tag == _rng("element")}
        missing = sorted(kept - set(elements.values()))
        if missing:
            raise SystemExit(f"{ODD}: tei_all defines no element {', '.join(missing)}")
        self.prefix = prefix
        # The definitions known to match nothing: the elements left out, then whatever needs them.
        self.dead = {name for name, el in elements.items() if el not in kept}
        while True:
            newly = {name for name, d in self.defines.items()
                     if name not in self.dead and self.simplify(d) is None}
            if not newly:
                break
            self.dead |= newly

    def simplify(self, el: etree._Element) -> etree._Element | None:
        """A copy of pattern ``el`` with the dead references removed: None for ``notAllowed``,
        :data:`EMPTY` for ``empty``. (A ``define`` and an ``element`` hold a group of patterns.)"""
        tag = el.tag
        if not tag.startswith(f"{{{RNG}}}"):
            raise ValueError(f"not a RELAX NG pattern: {tag}")
        name = etree.QName(el).localname
        if name == "notAllowed" or (name == "ref" and el.get("name") in self.dead):
            return None
        if name == "empty":
            return EMPTY
        if name in ("ref", "text", "data", "value", "attribute"):
            return copy.deepcopy(el)  # attributes hold data and names, never an element
        if name not in ("choice", "group", "interleave", "optional", "zeroOrMore", "oneOrMore",
                        "list", "mixed", "element", "define"):
            raise ValueError(f"{name}: not expected in tei_all.rng")
        out = etree.Element(el.tag, el.attrib, nsmap=el.nsmap)
        patterns = []  # (index in out, simplified) of the pattern children
        for child in el:
            if not isinstance(child.tag, str) or child.tag.startswith(f"{{{SCH}}}"):
                continue  # comments; the embedded Schematron (see the module docstring)
            if not child.tag.startswith(f"{{{RNG}}}") or (
                    name == "element" and el.get("name") is None and not patterns
                    and etree.QName(child).localname in NAME_CLASSES and len(out) == 0):
                out.append(copy.deepcopy(child))  # documentation; an element's name class
                continue
            s = self.simplify(child)
            if s is None:
                if name == "choice":
                    continue  # one alternative fewer
                # every other container needs each of its children: it matches nothing, and an
                # optional or repeated one matches only the empty sequence
                return EMPTY if name in ("optional", "zeroOrMore") else None
            if s is EMPTY and name != "choice":
                continue  # empty in a sequence is nothing
            out.append(etree.Element(_rng("empty")) if s is EMPTY else s)
            patterns.append(s)
        if name == "choice":
            if not patterns:
                return None  # every alternative was dead
            if all(p is EMPTY for p in patterns):
                return EMPTY
        elif not patterns:
            if name in ("optional", "zeroOrMore", "oneOrMore", "group", "interleave", "mixed"):
                return EMPTY
            out.append(etree.Element(_rng("empty")))  # an element or define of no content
        return out

    def reachable(self, start: list[str]) -> list[str]:
        """The definitions reachable from the ``start`` elements, in ``tei_all``'s order."""
        seen: set[str] = set()
        todo = [self.prefix + s for s in start]
        while todo:
            name = todo.pop()
            if name in seen or name in self.dead:
                continue
            seen.add(name)
            for ref in self.defines[name].iter(_rng("ref")):
                todo.append(ref.get("name"))
        return [n for n in self.defines if n in seen]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compile_odd(odd_path: Path = ODD, tei_all_path: Path = TEI_ALL) -> bytes:
    """The RELAX NG schema of the ODD at ``odd_path``, as bytes (see the module docstring)."""
    ident, prefix, start, kept = selection(etree.parse(str(odd_path)))
    source = etree.parse(str(tei_all_path)).getroot()
    compiler = Compiler(source, prefix, kept)
    dead_start = [s for s in start if prefix + s in compiler.dead]
    if dead_start:
        raise SystemExit(f"{odd_path}: the start element {dead_start[0]} can hold no document "
                         f"with this selection")
    grammar = etree.Element(source.tag, source.attrib, nsmap=source.nsmap)
    grammar.text = "\n"
    grammar.append(etree.Comment(
        f" The RELAX NG schema of the TEI customization {ident!r}: {odd_path.name} compiled "
        f"against {tei_all_path.name} by benchmarks/derive/compile_odd.py (see there; do not "
        f"edit by hand). {odd_path.name} SHA-256 {_sha256(odd_path)}; {tei_all_path.name} "
        f"SHA-256 {_sha256(tei_all_path)}. {len(kept)} elements of TEI P5. "))
    grammar[-1].tail = "\n"
    start_el = etree.SubElement(grammar, _rng("start"))
    choice = etree.SubElement(start_el, _rng("choice")) if len(start) > 1 else start_el
    for s in start:
        etree.SubElement(choice, _rng("ref"), name=prefix + s)
    for name in compiler.reachable(start):
        simplified = compiler.simplify(compiler.defines[name])
        assert simplified is not None
        grammar.append(simplified)
    for el in grammar.iter():
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{RNG}}}"):
            el.text = el.text if el.text and el.text.strip() else None
            el.tail = None
    etree.cleanup_namespaces(grammar)
    etree.indent(grammar, space=" ")
    return etree.tostring(grammar, xml_declaration=True, encoding="UTF-8") + b"\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the shipped schema instead of writing it")
    args = parser.parse_args()
    data = compile_odd()
    if args.check:
        same = OUT.exists() and OUT.read_bytes() == data
        print(f"{OUT}: {'up to date' if same else 'NOT what the ODD compiles to'}")
        return 0 if same else 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
