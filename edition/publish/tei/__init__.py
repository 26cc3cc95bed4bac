"""The TEI P5 edition: from source and decisions to TEI, and back.

- :mod:`.structure` — the blocks of a plain text and their roles (title page, contents, headings,
  paragraphs, colophon), from general layout rules.
- :mod:`.metadata` — the edition metadata (corrections file block, side file, the text's own
  title lines and colophon as defaults).
- :mod:`.xmltext` — any text into XML and back (characters XML 1.0 cannot hold become ``<g>``).
- :mod:`.writer` — ``write_tei``: the TEI document.
- :mod:`.reader` — ``read_edition``: the source text, the reading text, the blocks and the
  decisions, from the TEI alone.
- :mod:`.pointers` — every ``#pointer`` resolves.
"""
