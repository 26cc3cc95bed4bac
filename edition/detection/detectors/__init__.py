"""The detectors. Each module defines ``KINDS``, the kinds of artifact it proposes, and
``detect(doc)``; :mod:`edition.detection.runner` finds them and runs them.

One module per kind of artifact (case, hyphen, merge, punctuation, unclear, variant), with two
exceptions where one way of looking finds several kinds: :mod:`.words`, the word engine, reads
every word through one word model and proposes glyph, nonword, realword and punctuation (a mark
inside a word); :mod:`.split` finds false spaces and, by the same joining, lost hyphens.
:mod:`.glyph` holds the glyph rules that read no word (a lone ``1`` for ``I``, sums of money);
:mod:`.division` divides run-together words whose letters are misread as well (merge proposals
the merge detector's exact division cannot make: ``bythopolice`` → ``by the police``).
"""
