"""Detectors, one module per kind of artifact. See :mod:`edition.detection` for the interface."""
