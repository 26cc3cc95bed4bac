"""Witnesses: several transcriptions of the same text, collated word by word.

- :mod:`.tokens` — a witness (a source read like any other) and its word tokens.
- :mod:`.align` — the word-level aligner of two token sequences: difflib's ``(tag, i1, i2, j1,
  j2)`` opcodes, anchored on words found once in each witness so that whole books align fast.
- :mod:`.collation` — :func:`~.collation.collate`: every witness aligned to the first (the base),
  the places where they differ as :class:`~.collation.Variant` records; a summary and JSON.
- :mod:`.outputs` — the collation's files in the build folder (the side-by-side page itself is
  :mod:`edition.publish.collation_page`).

The package imports no stage of the flow: detection (witness evidence) and publishing (the
apparatus) both read a :class:`~.collation.Collation`.
"""
