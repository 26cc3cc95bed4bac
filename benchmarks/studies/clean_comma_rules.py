"""How often the stray-comma verb rules fire on clean English, and how often their word pattern
stands there without a comma.

Usage::

    python benchmarks/studies/clean_comma_rules.py            # counts, and every firing with its context
    python benchmarks/studies/clean_comma_rules.py --patterns # also the patterns without a comma
    python benchmarks/studies/clean_comma_rules.py --subordinators  # the clause rule by subordinator
    python benchmarks/studies/clean_comma_rules.py --infinitives    # "to" + verb + comma (not built)

The rules are those of :func:`edition.detection.detectors.punctuation.stray_commas` that do not come from
the comma-rate model: a comma between an auxiliary and a past participle (``have, loved``), the
same with one ``-ly`` adverb before the participle (``were, warmly assisted``), and a comma
between a sentence's simple subject and its finite verb (``All the traitors, were put``), and
a comma between the ``be`` or ``have`` of a subordinate clause with a pronoun subject and its
complement (``because that is, our duty``). On clean text every firing is a false alarm (or a comma the writer set, which is the same for the
editor); the count of the pattern without a comma gives the writer's rate of commas in it, from
which the rules' confidences are set (see the constants' comments).

Clean English, read as it lies on a Debian machine (a source that is absent is skipped): the
development set's gold (``_devset``, ``#`` spans dropped), ``/usr/share/common-licenses``,
Python's ``pydoc_data`` topics, the ``fortunes`` files, Vim's help and Perl's manuals. The
development OCR's firings are listed with the gold's verdict (speck: the gold has no comma).

``--subordinators`` counts the clause rule for each subordinator of a wider list than the rule's
(the words left out of :data:`~edition.detection.evidence.clauses.SUBORDINATORS` included), with and
without the comma. ``--infinitives`` measures a rule that was tried and not built: a comma between
``to`` + a base-form verb and the next word (``to form, secret and open agreements``), with the
guards that could keep it safe, at two strengths.
"""
from __future__ import annotations

import argparse
import glob
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/: _devset
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository: edition
import _devset  # noqa: E402
from edition.detection.document import Document  # noqa: E402
from edition.detection.detectors import punctuation as P  # noqa: E402
from edition.detection.evidence import clauses as G  # noqa: E402

RULES = ("aux_participle", "aux_adverb", "subject_verb", "clause_complement")


def _read(paths: list[str]) -> list[tuple[str, str]]:
    return [(f, Path(f).read_text(encoding="utf-8", errors="replace")) for f in paths
            if os.path.isfile(f) and not os.path.islink(f)]


def clean_sources() -> dict[str, list[tuple[str, str]]]:
    """Name → [(file, text)] of the clean English texts."""
    gold = [(p.name, _devset.gold_text(p)) for kind in ("monograph", "periodical") for p in _devset.files("all", kind)]
    other = _read(sorted(glob.glob("/usr/share/common-licenses/*")))
    try:
        from pydoc_data.topics import topics
        other += [(f"pydoc:{k}", v) for k, v in sorted(topics.items())]
    except ImportError:
        pass
    other += _read([f for f in sorted(glob.glob("/usr/share/games/fortunes/*")) if not f.endswith((".dat", ".u8"))])
    extra = _read(sorted(glob.glob("/usr/share/vim/vim*/doc/*.txt")) + sorted(glob.glob("/usr/share/perl/*/pod/*.pod")))
    return {"dev gold": gold, "licences, pydoc, fortunes": other, "Vim help, Perl pods": extra}


def firings(doc: Document) -> Iterator[tuple[str, P.CommaCandidate]]:
    """(rule, comma candidate) for each comma a rule holds for, as in ``stray_commas``."""
    for c in P.comma_candidates(doc):
        aux = c.first.lower() in G.AUXILIARIES and not G.closes_clause(doc.text, c.start)
        if aux and G.is_past_participle(c.second):
            yield "aux_participle", c
        elif aux and G.adverb_participle(doc.text, c.first, c.second, c.start + len(c.first) + 2 + len(c.second)):
            yield "aux_adverb", c
        comma = c.start + len(c.first)
        if G.subject_verb(doc, c.start, comma, c.second, comma + 2 + len(c.second)):
            yield "subject_verb", c
        if G.clause_complement(doc.text, c.start, c.first, comma + 2):
            yield "clause_complement", c


_VERB = regex.compile(rf"(\p{{L}}+) ({'|'.join(sorted(G.FINITE_VERBS))})\b")
_PARTICIPLE = regex.compile(r"\b(\p{L}+) (\p{L}+ed)\b(?!['’-])")
_ADVERB = regex.compile(r"\b(\p{L}+) (\p{L}+ly) (\p{L}+ed)\b(?!['’-])")
_COPULA = regex.compile(rf"(?<![\p{{L}}'’-])({'|'.join(sorted(G.COPULAS))})(,?) (?=\p{{Ll}})")


def patterns(doc: Document) -> Counter[str]:
    """How often each rule's words stand in ``doc`` with no comma between."""
    t, n = doc.text, Counter()
    for m in _VERB.finditer(t, overlapped=True):
        n["subject_verb"] += G.subject_verb(doc, m.start(1), m.end(1), m.group(2), m.end(2))
    for m in _PARTICIPLE.finditer(t, overlapped=True):
        n["aux_participle"] += (m.group(1).lower() in G.AUXILIARIES and G.is_past_participle(m.group(2))
                                and not G.closes_clause(t, m.start()))
    for m in _ADVERB.finditer(t):
        n["aux_adverb"] += (m.group(1).lower() in G.AUXILIARIES and G.is_ly_adverb(m.group(2))
                            and G.is_past_participle(m.group(3)) and not G.closes_clause(t, m.start()))
    for m in _COPULA.finditer(t):
        n["clause_complement"] += not m.group(2) and G.clause_complement(t, m.start(1), m.group(1), m.end())
    return n


#: The subordinators measured by ``--subordinators``: the rule's and those left out of it.
WIDER_SUBORDINATORS = sorted(G.SUBORDINATORS | set("if as when unless where than before so that".split()))


def by_subordinator(texts: list[tuple[str, str]]) -> tuple[Counter[str], Counter[str], list[str]]:
    """(commas, no comma, contexts of the commas) of the clause pattern for each subordinator of
    WIDER_SUBORDINATORS, with the rule's other guards (pronoun, ``be``/``have``, complement)."""
    fired, without, examples = Counter(), Counter(), []
    wider = set(WIDER_SUBORDINATORS)
    for fname, t in texts:
        for m in _COPULA.finditer(t):
            if not G.complement_follows(t, m.end()):
                continue
            sub = G.subordinate_clause(t, m.start(1))
            if sub not in wider:
                continue
            if m.group(2):
                fired[sub] += 1
                examples.append(f"  {sub}: {fname}: …{_context(t, m.start())}…")
            else:
                without[sub] += 1
    return fired, without, examples


_NO_GAP = regex.compile(rf"(?:(?<=[.!?][\"”’']? |\n\n|\A)|(?<=(?<![\p{{L}}'’-])(\p{{Ll}}+)[ \n]))(\p{{L}}+)[ \n]"
                     rf"({'|'.join(sorted(G.COPULAS))})(,?) (?=\p{{Ll}})")


def no_gap_clauses(texts: list[tuple[str, str]]) -> tuple[int, int, list[str]]:
    """(commas, no comma, contexts) of pronoun + ``be``/``have`` + complement (the rule's
    :func:`~edition.detection.evidence.clauses.complement_follows`) in clauses with no gap at the
    verb: at a sentence start (capitalized pronoun; ``That is`` for "namely" left out), after a
    coordinator (``and``, ``but``, ``or``, ``nor``, ``yet``) or after one of the rule's
    subordinators. The reference class of ``CLAUSE_COMPLEMENT_STRAY``."""
    fired, without, examples = 0, 0, []
    for fname, t in texts:
        for m in _NO_GAP.finditer(t):
            before, pronoun, verb = m.group(1), m.group(2), m.group(3)
            if pronoun.lower() not in G.SUBJECT_PRONOUNS:
                continue
            if before is None:
                if not pronoun[0].isupper() or (pronoun == "That" and verb == "is"):
                    continue
            elif before not in ("and", "but", "or", "nor", "yet") and before not in G.SUBORDINATORS:
                continue
            elif not (pronoun.islower() or pronoun == "I"):
                continue
            if not G.complement_follows(t, m.end()):
                continue
            if m.group(4):
                fired += 1
                examples.append(f"  no gap: {fname}: …{_context(t, m.start())}…")
            else:
                without += 1
    return fired, without, examples


#: ``--infinitives``: words after "to" that are no base-form verb, and words after the comma
#: that may start a clause or a parenthesis (closed classes only).
FUNCTION_WORDS = frozenset("""a an the this that these those my our your his her its their some any no every each all
both many much more most few several such other another what which who whom whose i you he she it we they me
him us them one ones myself yourself himself herself itself ourselves themselves and but or nor yet so for as
than then too also not only even just still thus hence therefore however though although because if when while
where whether unless until since before after once lest to of in on at by with from into onto upon about over
under through between among against without within during toward towards across along around behind beyond
near off out up down away back here there now again is was are were be been being am has had have having do
does did will would shall should can could may might must ought please albeit anyway except""".split())
MODALS = ("will", "can", "would", "should", "must", "may", "might", "could", "shall")
_INFINITIVE = regex.compile(r"(?<=\p{L},? )to (\p{Ll}+)(,?) (\p{Ll}+)\b(?!['’-])")


def _verbish(word: str) -> bool:
    """Whether English writes ``word`` after a modal (``can form``): symspellpy's bigram list."""
    from edition.detection.evidence.bigrams import table
    pairs = table().pairs
    return any(f"{m} {word}" in pairs for m in MODALS)


def infinitives(texts: list[tuple[str, str]], strict: bool) -> tuple[int, int, list[str]]:
    """(commas, no comma, contexts) of ``to`` + base-form verb (a word written after a modal,
    no function word) + [comma] + a word that is no function word and no verb, with no comma,
    semicolon, colon or bracket in the next three words; ``strict`` also leaves out next words
    in ``-ly``, ``-ing`` and ``-ed``."""
    fired, without, examples = 0, 0, []
    for fname, t in texts:
        for m in _INFINITIVE.finditer(t):
            verb, nxt = m.group(1), m.group(3)
            if verb in FUNCTION_WORDS or not _verbish(verb) or nxt in FUNCTION_WORDS or _verbish(nxt):
                continue
            if strict and nxt.endswith(("ly", "ing", "ed")):
                continue
            if any(ch in ",;:()" for w in t[m.end():m.end() + 80].split()[:3] for ch in w):
                continue
            if m.group(2):
                fired += 1
                examples.append(f"  {fname}: …{_context(t, m.start())}…")
            else:
                without += 1
    return fired, without, examples


def _context(text: str, i: int, width: int = 60) -> str:
    return " ".join(text[max(0, i - width):i + width].split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--patterns", action="store_true", help="also count each rule's words without a comma")
    ap.add_argument("--subordinators", action="store_true", help="only the clause rule, by subordinator")
    ap.add_argument("--infinitives", action="store_true", help="only the infinitive rule that was not built")
    args = ap.parse_args()
    if args.subordinators or args.infinitives:
        extra(args.subordinators, args.infinitives)
        return
    print("| clean text | words | " + " | ".join(RULES) + " |\n|---|---|" + "---|" * len(RULES))
    examples, without = [], Counter()
    sources = clean_sources()
    for name, texts in sources.items():
        n, words = Counter(), 0
        for fname, text in texts:
            doc = Document(text)
            words += len(text.split())
            for rule, c in firings(doc):
                n[rule] += 1
                examples.append(f"  {name}, {rule}: {fname}: …{_context(text, c.start)}…")
            if args.patterns:
                for rule, k in patterns(doc).items():
                    without[(name, rule)] += k
        print(f"| {name} | {words:,} | " + " | ".join(str(n[r]) for r in RULES) + " |")
    print("\n".join(examples))
    if args.patterns:
        print("\nwithout a comma:")
        for rule in RULES:
            parts = [f"{name} {without[(name, rule)]:,}" for name in sources]
            print(f"  {rule}: {sum(without[(n, r)] for n, r in without if r == rule):,} ({'; '.join(parts)})")
    verdicts = Counter()
    for part in ("tune", "check"):
        for kind in ("monograph", "periodical"):
            for pair in _devset.files(part, kind):
                segments = {wp.start: wp for wp in _devset.word_pairs(pair)}
                for rule, c in firings(Document(pair.ocr)):
                    wp = segments.get(c.start)
                    verdict = ("no gold" if wp is None or not wp.scored else "speck" if wp.gold == c.first
                               else "writer's" if wp.gold == c.first + "," else "misread word")
                    verdicts[(part, rule, verdict)] += 1
                    print(f"  dev OCR {part}, {rule} ({verdict}): {pair.name}: …{_context(pair.ocr, c.start)}…")
    print("dev OCR:", ", ".join(f"{p} {r} {v}: {k}" for (p, r, v), k in sorted(verdicts.items())) or "no firing")


def extra(subordinators: bool, infinitive: bool) -> None:
    """Print the ``--subordinators`` and ``--infinitives`` tables."""
    sources = clean_sources()
    if subordinators:
        fired, without, examples = Counter(), Counter(), []
        for texts in sources.values():
            f, w, e = by_subordinator(texts)
            fired += f
            without += w
            examples += e
        print("| subordinator | in the rule | comma | no comma |\n|---|---|---|---|")
        for sub in WIDER_SUBORDINATORS:
            print(f"| {sub} | {'yes' if sub in G.SUBORDINATORS else 'no'} | {fired[sub]} | {without[sub]:,} |")
        ours = sorted(G.SUBORDINATORS)
        print(f"| the rule's | | {sum(fired[s] for s in ours)} | {sum(without[s] for s in ours):,} |")
        print("\n".join(examples))
        k = n = 0
        for texts in sources.values():
            a, b, e = no_gap_clauses(texts)
            k, n = k + a, n + b
            for line in e:
                print(line)
        print(f"clauses with no gap (sentence start, after a coordinator or the rule's subordinators): "
              f"{k} with a comma, {n:,} without")
    if infinitive:
        print("| clean text | words | guards | comma | no comma |\n|---|---|---|---|---|")
        examples = []
        for strict in (False, True):
            for name, texts in sources.items():
                words = sum(len(t.split()) for _, t in texts)
                k, n, e = infinitives(texts, strict)
                print(f"| {name} | {words:,} | {'strict' if strict else 'basic'} | {k} | {n:,} |")
                examples += [f"  {'strict' if strict else 'basic'}, {name}:{x[1:]}" for x in e]
        print("\n".join(examples))


if __name__ == "__main__":
    main()
