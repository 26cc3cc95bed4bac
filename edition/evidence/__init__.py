"""Evidence shared by the detectors: general lexicons, the document's own vocabulary, the OCR
confusion model, context (bigrams) and the project lexicon."""
