"""Evidence shared by the detectors, one module per source of evidence:

- :mod:`.lexicon` — the general English lexicon (wordfreq's large list): frequencies, Zipf.
- :mod:`.vocabulary` — the document's own vocabulary and word pairs (the TICCL idea), and a
  corpus's counts shared by its documents (:class:`.vocabulary.CorpusVocabulary`).
- :mod:`.confusions` — the OCR confusion model, derived from the development data
  (``edition/detection/data/confusions.json``, by ``benchmarks/derive/derive_confusions.py``).
- :mod:`.bigrams` — context: symspellpy's English bigram list, as smoothed association.
- :mod:`.historical` — regular older spellings (``tolde``, ``hee``) that are not errors.
- :mod:`.letters` — how English a string of letters looks (a letter-trigram model).
- :mod:`.noise` — how noisy a text's OCR is.
- :mod:`.languages` — passages in another language (quotations), which get no proposal.
- :mod:`.project` — the project lexicon the editors grow (``corrections/lexicon.txt``).
- :mod:`.candidates` — the deep search: readings of badly damaged words (three or four edits in
  a noisy text), weighed by the channel derived from books, newspapers and playbills
  (``edition/detection/data/channel.json``, by ``benchmarks/derive/derive_confusions.py --channel``).
- :mod:`.noise` — how damaged a text's OCR is (the garbled flags and the deep search's budget).
- :mod:`.readings` — the word model: readings of a word ranked by all of the above, described
  by named features that :mod:`edition.detection.calibration` turns into a confidence.
- :mod:`.spacing` — membership and pair tests for the spacing and punctuation detectors.
- :mod:`.commas` — where English sets commas (derived ``edition/detection/data/comma_rates.json``,
  by ``benchmarks/derive/derive_comma_rates.py``): the evidence of the stray-comma rule.
- :mod:`.clauses` — English sentences and clauses (subjects, verb groups, subordinate clauses):
  the grammar the stray-comma rule asks.
- :mod:`.formcache` — a bounded memo of per-form work (a corpus's searches, kept for all its
  documents).
- :mod:`._cache` — compact on-disk cache of the loaded tables (fast cold start).
"""
