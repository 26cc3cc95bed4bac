"""Reviewing a whole corpus: many documents' corrections files decided together.

A corpus of 4,361 documents has some 700,000 proposals; nobody decides those one by one. The
same misreading recurs across documents (``tbe`` → ``the``), so the review goes by *pattern*: a
form and its suggested reading, with every instance of it in every document.

- :mod:`.documents` — :class:`~.documents.Document`: a source and its corrections file, as the
  editor names it; the documents of a list of sources, or of a corrections folder.
- :mod:`.index` — :class:`~.index.CorpusIndex`: every entry of every document, in compact
  columns, re-read only for the documents whose files changed (kept between commands in the
  cache folder), so that a corpus opens in a second or two.
- :mod:`.patterns` — the entries grouped by pattern, ordered by how much one decision fixes;
  progress per pattern and per document.
- :mod:`.batch` — one decision over many documents: each corrections file read, decided and
  saved on its own (atomically, merging with other writers), entries changed since they were
  shown refused one by one; a run cut short leaves every file old or new, and running it again
  does the rest.
- :mod:`.listing` — the entries of a corpus filtered (status, kind, confidence, original, a
  text search) and written as a table, CSV or JSON.
- :mod:`.spreadsheet` — export to a CSV that LibreOffice and Excel open as it is, and import of
  the decisions filled in there, with the review page's conflict checks.
- :mod:`.learning` — the project's decisions per pattern, counted from its corrections files
  into ``decisions.tsv`` (:mod:`edition.detection.evidence.decisions`), which the next
  ``detect`` and the queue's order use.
"""
