"""Publishing: from a source and its decided corrections to the edition, and checking it.

- :mod:`.plan` — the edition plan: what the edition encodes and changes, worked out once.
- :mod:`.build` — ``build_edition``: the five files (TEI, reading text, diff page, audit,
  reading view), validated, written atomically.
- :mod:`.tei` — the TEI P5 document: structure, metadata, writer, reader, pointers.
- :mod:`.diff` — the word-level diff of source and edition, each hunk tied to its decisions.
- :mod:`.audit` — the audit record of every decision.
- :mod:`.pages` — the two HTML pages: the diff page and the reading view.
- :mod:`.validate` — TEI validation against ``schemas/``: the edition's own TEI customization
  (``edition.odd``, compiled to ``edition.rng``; lxml), or ``tei_all`` (lxml RELAX NG; jing
  RELAX NG + Schematron).
- :mod:`.verify` — ``verify_edition``: the built edition is the source plus the decisions.
"""
