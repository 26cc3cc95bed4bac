"""Validating a TEI document: against the edition's own TEI customization, or against TEI P5
``tei_all`` (the schema files in ``edition/publish/schemas``, described in its ``SOURCE.md``).

Two schemas:

- ``edition`` (:data:`EDITION_RNG`) — the RELAX NG schema compiled from ``edition.odd``, a TEI
  customization that keeps only the 69 elements the edition writes (and those of the facsimile
  and the apparatus to come). Every document valid against it is valid against ``tei_all``'s
  RELAX NG. lxml loads it in about 0.02 s: every build and verify checks against it.
- ``tei_all`` (:data:`RNG_PATH`, :data:`SCH_PATH`) — the whole of TEI P5, with its Schematron
  rules: ``verify --strict``, ``build --strict`` and the test suite.

Two validators, because neither is enough alone:

- :func:`relaxng_errors` — lxml's RELAX NG validator, for either schema. Loading ``tei_all.rng``
  takes about 7 s, so each compiled schema is built once per process (:func:`relaxng_schema`,
  cached); validating a document then takes milliseconds. It stops checking a subtree after its
  first error.
- :func:`jing_errors` — Debian's ``jing``, the reference validator, for ``tei_all``'s RELAX NG
  *and* the Schematron rules of ``tei_all.sch`` (XPath 2, which lxml cannot run). Used when
  ``jing`` is on ``PATH`` (:func:`jing_available`).

Both return a list of one-line messages, empty when the document is valid. Neither checks that
``#pointers`` resolve: :mod:`edition.publish.tei.pointers` does.
"""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from lxml import etree

from ..errors import EditionError

SCHEMA_DIR = Path(str(resources.files("edition.publish") / "schemas"))
RNG_PATH = SCHEMA_DIR / "tei_all.rng"
SCH_PATH = SCHEMA_DIR / "tei_all.sch"
#: The edition's TEI customization, compiled from ``edition.odd`` by
#: ``benchmarks/derive/compile_odd.py``.
EDITION_RNG = SCHEMA_DIR / "edition.rng"

Schema = Literal["edition", "tei_all"]
_RNG = {"edition": EDITION_RNG, "tei_all": RNG_PATH}


@lru_cache(maxsize=2)
def relaxng_schema(schema: Schema = "tei_all") -> etree.RelaxNG:
    """The compiled RELAX NG schema (built on first use, then cached: ``tei_all`` ~7 s,
    ``edition`` ~0.02 s)."""
    path = _RNG[schema]
    if not path.exists():
        raise EditionError(f"{path}: TEI schema missing from the installation")
    return etree.RelaxNG(etree.parse(str(path)))


def relaxng_errors(doc: etree._ElementTree | etree._Element, schema: Schema = "tei_all"
                   ) -> list[str]:
    """RELAX NG errors of ``doc`` against ``schema``, as ``line N: message`` strings (empty when
    valid)."""
    compiled = relaxng_schema(schema)
    if compiled.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in compiled.error_log]


def jing_available() -> bool:
    """True when Debian's ``jing`` is on PATH."""
    return shutil.which("jing") is not None


def _jing_messages(proc: subprocess.CompletedProcess, path: Path) -> list[str]:
    if proc.returncode == 0:
        return []
    # Debian's wrapper warns about optional jars on stderr ("[warning] ..."): not about the file.
    lines = [ln.strip() for ln in (proc.stdout + proc.stderr).splitlines()
             if ln.strip() and not ln.startswith("[warning]")]
    # jing prints "FILE:LINE:COL: error: MESSAGE"; drop the file name, which the caller knows.
    out = []
    for ln in lines:
        if ln.startswith(str(path) + ":"):
            ln = "line " + ln[len(str(path)) + 1:]
        out.append(ln)
    return out or [f"jing exited with status {proc.returncode}"]


def jing_errors(path: str | Path) -> list[str]:
    """Errors ``jing`` reports for the file at ``path``: RELAX NG first, then Schematron.

    The two checks run at the same time (each is a JVM start-up plus ~1 s of work)."""
    path = Path(path)
    if not jing_available():
        raise EditionError("jing is not installed (Debian: apt-get install jing)")
    try:
        procs = [subprocess.Popen(["jing", str(schema), str(path)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for schema in (RNG_PATH, SCH_PATH)]
    except OSError as exc:
        raise EditionError(f"could not run jing: {exc}") from None
    out: list[str] = []
    for proc in procs:
        try:
            stdout, stderr = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise EditionError("jing took more than 5 minutes; giving up") from None
        out += _jing_messages(subprocess.CompletedProcess(proc.args, proc.returncode, stdout,
                                                          stderr), path)
    return out
