"""Building an edition: from a source and its corrections file to the five published files.

- :func:`output_paths` — where the files of an edition go (``build/`` by default, git-ignored):
  ``NAME.tei.xml``, ``NAME.txt`` (reading text), ``NAME.diff.html``, ``NAME.audit.json``,
  ``NAME.html`` (reading view).
- :func:`make_edition` — all five, in memory, from an opened project and its edition plan
  (:mod:`edition.publish.plan`, worked out once and read by the TEI writer, the audit, the diff
  and the reading view). Pure: no clock, no randomness, so the same source, decisions and
  metadata always give the same bytes (which is what lets :mod:`edition.publish.verify` rebuild
  and compare).
- :func:`build_edition` — open, make, validate the TEI (against the edition's own TEI
  customization; ``strict``: against the whole of ``tei_all``, jing's RELAX NG and Schematron
  when jing is installed, else lxml's RELAX NG), check its pointers and its round trip, then
  write the files atomically. An invalid TEI is never written.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Literal, Sequence

from ..errors import EditionError
from ..model import Status
from ..project_files import refuse_overwriting, side_file_path
from ..store.atomic import write_atomic
from ..witnesses.tokens import Witness
from ..workflow import Project, open_project
from .apparatus import Apparatus
from .audit import audit_json, audit_record
from .diff import diff_hunks
from .pages import diff_page, reading_view
from .plan import EditionPlan, plan_edition
from .tei.metadata import EditionMetadata, read_side_file, resolve_metadata
from .tei.pointers import unresolved_pointers
from .tei.reader import parse_tei, read_edition
from .tei.writer import TeiInputs, write_tei

#: The default output folder, relative to the current folder (listed in .gitignore).
DEFAULT_OUT = Path("build")

#: How the TEI is validated (:func:`validation_errors`): ``edition`` (the default) against the
#: edition's TEI customization with lxml; ``strict`` against ``tei_all``, by jing (RELAX NG and
#: Schematron) when it is installed, else by lxml (RELAX NG); ``jing`` and ``lxml`` against
#: ``tei_all`` by that validator; ``none`` not at all.
Validation = Literal["edition", "strict", "jing", "lxml", "none"]


@dataclass(frozen=True)
class OutputPaths:
    tei: Path
    text: Path
    diff: Path
    audit: Path
    html: Path

    def all(self) -> list[Path]:
        return [self.tei, self.text, self.diff, self.audit, self.html]


def output_paths(source_path: str | Path, out_dir: str | Path | None = None) -> OutputPaths:
    """The five output files of ``source_path`` in ``out_dir`` (default ``build/``).

    >>> output_paths("seeds/memoirs.txt").tei.as_posix()
    'build/memoirs.tei.xml'
    """
    out = Path(out_dir) if out_dir is not None else DEFAULT_OUT
    stem = Path(source_path).stem
    return OutputPaths(out / f"{stem}.tei.xml", out / f"{stem}.txt", out / f"{stem}.diff.html",
                       out / f"{stem}.audit.json", out / f"{stem}.html")


@lru_cache(maxsize=1)
def app_version() -> str:
    """The version of `edition` named in the TEI's appInfo."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("edition")
    except PackageNotFoundError:
        pass
    import tomllib
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0"


@dataclass(frozen=True)
class EditionFiles:
    """An edition in memory: the five files' contents and what the build reports."""

    tei: bytes
    reading: str
    diff_html: str
    audit: str
    html: str
    metadata: EditionMetadata
    changes: int
    flagged: int
    pending: int
    unexplained_hunks: int
    #: What the header lacks (see :func:`edition_metadata_and_gaps`), for the build to say.
    metadata_gaps: tuple[str, ...] = ()
    #: The critical apparatus, when the edition was built with witnesses.
    apparatus: Apparatus | None = None


def edition_metadata(project: Project, plan: EditionPlan) -> EditionMetadata:
    """The project's metadata: corrections file block, side file, then the text's defaults
    (read from the blocks of ``plan``, the project's edition plan)."""
    return edition_metadata_and_gaps(project, plan)[0]


def edition_metadata_and_gaps(project: Project, plan: EditionPlan
                              ) -> tuple[EditionMetadata, tuple[str, ...]]:
    """:func:`edition_metadata`, and what a reader of the TEI would miss in it (no title but the
    file's name, no language), each said with where to give it."""
    given = (plan.layout, project.corrections.metadata, read_side_file(project.source.path))
    side = side_file_path(project.source.path)
    where = dict(block_where=f"{project.corrections.path} (edition:)", side_where=str(side))
    there = f"in the edition: block of {project.corrections.path} or in {side}"
    gaps = []
    try:
        meta = resolve_metadata(*given, **where)
    except EditionError:  # nothing names a title (the other faults are raised again below)
        meta = resolve_metadata(*given, fallback_title=project.source.path.stem, **where)
        gaps.append(f"no title given: the TEI's title is the file name {meta.title!r}; set it "
                    f"with `title: ...` {there}")
    if not meta.language:
        gaps.append(f"no language given: the TEI has no xml:lang; set it with `language: en` (a "
                    f"BCP 47 code: en, de, fr, sq, ...) {there}")
    return meta, tuple(gaps)


def make_edition(project: Project, paths: OutputPaths, plan: EditionPlan | None = None,
                 witnesses: Sequence[Witness] = ()) -> EditionFiles:
    """Every output of the edition of ``project``, in memory, from one edition plan (worked out
    here unless the caller has it: :func:`edition.publish.plan.plan_edition`, with the
    apparatus of ``witnesses``)."""
    source = project.source
    corrections = list(project.corrections)
    if plan is None:
        plan = plan_edition(source, corrections, witnesses)
    meta, gaps = edition_metadata_and_gaps(project, plan)
    tei = write_tei(TeiInputs(plan, meta, app_version(), paths.tei.parent))
    audit = audit_record(plan, tei_name=paths.tei.name)
    segments = diff_hunks(source.text, plan.reading, plan.edits)
    diff_html = diff_page(title=meta.title, source_name=source.path.name,
                          source_sha256=source.sha256, segments=segments, audit=audit)
    html = reading_view(plan, metadata=meta, folder=paths.html.parent)
    return EditionFiles(
        tei=tei, reading=plan.reading, diff_html=diff_html, audit=audit_json(audit), html=html,
        metadata=meta, changes=audit["summary"]["changes"],
        flagged=sum(1 for c in corrections if c.status is Status.FLAGGED and not c.stale),
        pending=sum(1 for c in corrections if c.status is Status.PROPOSED and not c.stale),
        unexplained_hunks=sum(1 for s in segments if s.tag != "equal" and not s.ids),
        metadata_gaps=gaps, apparatus=plan.apparatus)


def validation_errors(tei: bytes, how: Validation = "edition") -> tuple[str, list[str]]:
    """``(validator, errors)`` for TEI bytes (see :data:`Validation`); the validator is
    ``edition``, ``jing``, ``lxml`` or ``none``."""
    from . import validate
    if how == "none":
        return "none", []
    if how == "edition":
        return "edition", validate.relaxng_errors(parse_tei(tei), "edition")
    if how not in ("strict", "jing", "lxml"):
        raise ValueError(f"unknown validation {how!r}")
    if how == "jing" or (how == "strict" and validate.jing_available()):
        with tempfile.NamedTemporaryFile(suffix=".tei.xml") as fh:
            fh.write(tei)
            fh.flush()
            return "jing", validate.jing_errors(fh.name)
    return "lxml", validate.relaxng_errors(parse_tei(tei))


def check_tei(files: EditionFiles, source_text: str, how: Validation = "edition") -> str:
    """Raise EditionError unless the TEI is valid, its pointers resolve and it round-trips."""
    validator, errors = validation_errors(files.tei, how)
    if errors:
        raise EditionError(f"the TEI is not valid ({validator}): {errors[0]}"
                           + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
    doc = parse_tei(files.tei)
    bad = unresolved_pointers(doc)
    if bad:
        p = bad[0]
        raise EditionError(f"TEI line {p.line}: {p.element}/@{p.attribute}={p.target} points to "
                           f"nothing")
    ed = read_edition(doc)
    if ed.source != source_text or ed.reading != files.reading:
        raise EditionError("internal error: the TEI does not give back the source and the reading "
                           "text; please report this with the source file")
    return validator


@dataclass(frozen=True)
class BuildResult:
    paths: OutputPaths
    files: EditionFiles
    validator: str


def build_edition(source_path: str | Path, out_dir: str | Path | None = None, *,
                  corrections_path: str | Path | None = None, encoding: str | None = None,
                  validation: Validation = "edition",
                  step: Callable[[str], None] = lambda name: None,
                  witnesses: Sequence[Witness] = ()) -> BuildResult:
    """Build the edition of ``source_path`` into ``out_dir`` (see the module docstring), with
    the critical apparatus of ``witnesses`` when given."""
    step("reading")
    project = open_project(source_path, corrections_path, encoding=encoding, missing_ok=True)
    paths = output_paths(source_path, out_dir)
    refuse_overwriting(paths.all(), source_path, project.corrections.path,
                       where=f"--out {out_dir if out_dir is not None else DEFAULT_OUT}",
                       instead="choose another --out folder")
    step("writing TEI, reading text, diff and audit")
    files = make_edition(project, paths, witnesses=witnesses)
    step("validating the TEI")
    validator = check_tei(files, project.source.text, validation)
    step("saving")
    write_atomic(paths.tei, files.tei)
    write_atomic(paths.text, files.reading)
    write_atomic(paths.diff, files.diff_html)
    write_atomic(paths.audit, files.audit)
    write_atomic(paths.html, files.html)
    return BuildResult(paths, files, validator)
