"""Detection: from a text to proposals, each with its evidence and a confidence.

- :mod:`.runner` — ``detect(text)``: the document, every detector, overlaps resolved.
- :mod:`.detectors` — the detectors, one module each.
- :mod:`.evidence` — what the detectors weigh: lexicons, the text's own vocabulary, the OCR
  confusion model, context, comma rates, the project lexicon.
- :mod:`.calibration` — a proposal's confidence from its named features (weights in ``data/``).
"""
