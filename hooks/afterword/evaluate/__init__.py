"""Measure the house style on real published text: ``python -m afterword.evaluate`` (``make eval``).

Two sets: the hand-labelled corpus of real postmortems under tests/data/realworld/ (precision and
recall per family, error false positives per 1,000 words, Structure judged per document), and a
fixed sample of real status updates (false positives only). See guide/evaluation.md.
"""
