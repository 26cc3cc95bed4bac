"""Edition metadata: what the TEI header says about the text, and where each value comes from.

Three sources, the first that gives a value wins:

1. the ``edition:`` block of the corrections file;
2. a file ``<source-stem>.edition.yaml`` beside the source (same keys);
3. what the text says about itself (:func:`defaults_from_text`): the title line and the author
   line of its title page, and its colophon's ``First Edition: ...`` / ``Electronic Edition: ...``
   lines. Nothing is taken from constants in the code, except the editorial policies, whose
   stated defaults describe what `edition` itself does.

A worked example of the block (every key optional)::

    edition:
      title: Memoirs from my Meetings with Stalin
      author: Enver Hoxha
      language: en                         # xml:lang of the edition
      publisher: Example Editions          # publicationStmt (default: "not published")
      pub_place: Tirana
      date: '2026-11-27'                   # default: the day of the latest decision
      licence: CC BY 4.0
      print_edition: '"8 Nentori" Publishing House, Tirana, Albania, 1981.'
      print_label: First Edition
      electronic_edition: Marxists Internet Archive, April 2000.
      electronic_label: Electronic Edition
      editors: {Ana Editor: proof-reading of the OCR}   # the resp of each editor
      correction: ...                      # editorialDecl policies, in prose
      normalization: ...
      hyphenation: ...

>>> from edition.publish.tei.structure import layout
>>> m = resolve_metadata(layout("Ann Author\\nTranslator\\n\\n\\nA Title\\n\\n\\n" + "Words and words. " * 9), {}, {})
>>> m.title, m.author
('A Title', 'Ann Author')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ...errors import EditionError
from ...project_files import side_file_path
from .structure import Layout, Role, colophon_lines

#: Stated defaults of the editorial policies (editorialDecl): what `edition` does.
DEFAULT_CORRECTION = (
    "The copy text is the OCR transcription. A reading is changed only where an editor accepted "
    "a proposed correction or typed one; each change is encoded as choice/sic/corr, with the "
    "editor (@resp), the detector's confidence (@cert) and the kind of OCR artifact (@type). "
    "Rejected and pending proposals leave the source reading. A corrupt passage with no safe "
    "reading is encoded as unclear.")
DEFAULT_NORMALIZATION = (
    "Spelling, capitalization and punctuation are not modernized. Inconsistent spellings of a "
    "name are regularized (choice/orig/reg) only where an editor decided so. Whitespace and line "
    "breaks of the source are kept exactly (xml:space=\"preserve\").")
DEFAULT_HYPHENATION = (
    "Hyphens are kept as they stand in the source. A hyphen that is an artifact of the scan or of "
    "a line break is corrected like any other error, as a correction of type hyphen.")
DEFAULT_RESP = "review of OCR corrections"


@dataclass(frozen=True)
class EditionMetadata:
    """Everything the TEI header needs beyond the source and the decisions."""

    title: str
    author: str | None = None
    language: str | None = None
    publisher: str | None = None
    pub_place: str | None = None
    date: str | None = None
    licence: str | None = None
    print_edition: str | None = None
    print_label: str | None = None
    electronic_edition: str | None = None
    electronic_label: str | None = None
    editors: Mapping[str, str] = field(default_factory=dict)
    correction: str = DEFAULT_CORRECTION
    normalization: str = DEFAULT_NORMALIZATION
    hyphenation: str = DEFAULT_HYPHENATION

    def resp_of(self, editor: str) -> str:
        return self.editors.get(editor, DEFAULT_RESP)


KEYS = tuple(f.name for f in fields(EditionMetadata))

# Colophon labels, by the kind of edition they name.
_PRINT_LABEL = re.compile(r"\b(first|print(ed)?|original|paper)\b.*\bedition\b|\bpublished\b", re.I)
_ELECTRONIC_LABEL = re.compile(r"\b(electronic|online|digital|web|html|transcri\w*)\b", re.I)


def read_side_file(source_path: str | Path) -> dict[str, Any]:
    """The metadata in the file beside the source, or ``{}`` when there is none."""
    path = side_file_path(source_path)
    if not path.exists():
        return {}
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise EditionError(f"{path}: not valid YAML ({exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise EditionError(f"{path}: expected a mapping of metadata fields (title, author, ...)")
    return dict(data.get("edition", data))


def _check(values: Mapping[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in KEYS:
            raise EditionError(f"{where}: unknown edition metadata key {key!r} "
                               f"(known: {', '.join(KEYS)})")
        if value is None:
            continue
        if key == "editors":
            if not isinstance(value, Mapping):
                raise EditionError(f"{where}: editors must map each editor's name to their role")
            out[key] = {str(k): str(v) for k, v in value.items()}
        else:
            if isinstance(value, (dict, list)):
                raise EditionError(f"{where}: {key} must be text")
            out[key] = str(value)
    return out


def defaults_from_text(lay: Layout) -> dict[str, Any]:
    """Title, author and the editions named in the colophon, as the text itself gives them."""
    out: dict[str, Any] = {}
    titles = lay.in_role(Role.TITLE)
    if titles:
        out["title"] = lay.block_text(titles[0]).strip()
    bylines = lay.in_role(Role.BYLINE)
    if bylines:
        out["author"] = lay.block_text(bylines[0]).split("\n", 1)[0].strip()
    for label, value in colophon_lines(lay):
        if not value:
            continue
        if "print_edition" not in out and _PRINT_LABEL.search(label):
            out["print_edition"], out["print_label"] = value, label
        elif "electronic_edition" not in out and _ELECTRONIC_LABEL.search(label):
            out["electronic_edition"], out["electronic_label"] = value, label
    return out


def resolve_metadata(lay: Layout, block: Mapping[str, Any], side: Mapping[str, Any], *,
                     fallback_title: str | None = None, block_where: str = "edition block",
                     side_where: str = "edition metadata file") -> EditionMetadata:
    """Merge the corrections file's block, the side file and the text's defaults."""
    values = defaults_from_text(lay)
    values.update(_check(side, side_where))
    values.update(_check(block, block_where))
    if not values.get("title"):
        if not fallback_title:
            raise EditionError("no title: the text has no title line; give one in the corrections "
                               "file's edition: block (title: ...)")
        values["title"] = fallback_title
    return EditionMetadata(**values)
