"""Whole corpora: many documents in one run, in parallel, on one machine or a Dask cluster.

- :mod:`.discover` — the source files of a corpus (files named, directories walked for a glob).
- :mod:`.lexicon` — corpus evidence: per-document word counts (map, cached by SHA-256) merged
  into a corpus lexicon (reduce, updated incrementally).
- :mod:`.executors` — where the map steps run: this process, local processes, a Dask cluster.
- :mod:`.tasks` — the per-document steps (survey, detect, status, build, verify): plain functions
  that any executor can run and that return small picklable outcomes.
- :mod:`.run` — the driver: plans the corpus, runs the passes, skips unchanged documents, keeps
  the state that lets an interrupted run resume, and sums up.
"""
