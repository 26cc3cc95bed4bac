"""Test data for reviewing a corpus: a folder of documents cut from the seed, with recurring
misreadings and the proposals for them in each document's corrections file.

Each document is a run of the seed's paragraphs in which some ``the`` are printed ``tbe`` and
some ``and`` ``aud`` (real OCR confusions: h read as b, n as u), so that the same pattern recurs
across documents, as it does in a scanned book. The proposals are written through the store
(:func:`edition.store.merge_proposals`), as ``detect`` writes them; the tests of the detectors
are elsewhere, and these tests must not depend on what a detector proposes this week.
"""
from __future__ import annotations

import re
from pathlib import Path

from edition.model import Kind, Proposal
from edition.source import read_source
from edition.store import merge_proposals, new_corrections_file, save_corrections

SEED = Path(__file__).resolve().parent.parent / "seeds" / "hoxha-memoirs-stalin-introduction.txt"

#: The misreadings put into the documents: (word, as printed, kind, confidence, why).
MISREADINGS = (
    ("the", "tbe", Kind.NONWORD, 0.93, "b read for h; 'tbe' is no English word, 'the' is"),
    ("and", "aud", Kind.NONWORD, 0.81, "u read for n; 'aud' is no English word, 'and' is"),
)


def _paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.split()) > 25]


def make_corpus(root: Path, documents: int, *, every: int = 5, folder: str = "texts"
                ) -> list[Path]:
    """Write ``documents`` sources into ``root/folder`` and their corrections files into
    ``root/corrections``; in each, every ``every``-th ``the`` and ``and`` is misread. Returns the
    sources (relative to ``root``)."""
    paragraphs = _paragraphs()
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "corrections").mkdir(exist_ok=True)
    out = []
    for d in range(documents):
        chosen = [paragraphs[(d * 3 + k) % len(paragraphs)] for k in range(2)]
        text = "\n\n".join(chosen) + "\n"
        for word, printed, *_ in MISREADINGS:
            count = 0

            def misread(m: re.Match) -> str:
                nonlocal count
                count += 1
                return printed if (count + d) % every == 0 else m.group()

            text = re.sub(rf"\b{word}\b", misread, text)
        rel = Path(folder) / f"doc{d:03d}.txt"
        write_document(root, rel, text)
        out.append(rel)
    return out


def write_document(root: Path, rel: str | Path, text: str) -> None:
    """Write the source ``root/rel`` with ``text`` and its corrections file in
    ``root/corrections``, proposing the reading of every misreading (:data:`MISREADINGS`) in it."""
    (root / rel).write_text(text, encoding="utf-8")
    source = read_source(root / rel)
    proposals = []
    for word, printed, kind, confidence, why in MISREADINGS:
        for m in re.finditer(rf"\b{printed}\b", text):
            proposals.append(Proposal(m.start(), m.end(), printed, (word,), kind, confidence,
                                      why, "test"))
    (root / "corrections").mkdir(exist_ok=True)
    cf = new_corrections_file(root / "corrections" / f"{Path(rel).stem}.yaml", source)
    merge_proposals(cf, source, sorted(proposals, key=lambda p: p.start))
    save_corrections(cf)


def instances(root: Path, original: str) -> dict[str, int]:
    """How many entries of ``original`` each corrections file holds (by file name)."""
    out = {}
    for path in sorted((root / "corrections").glob("*.yaml")):
        n = path.read_text(encoding="utf-8").count(f"original: {original}\n")
        if n:
            out[path.name] = n
    return out
