"""Check a story folder's questions.jsonl against its article files (standard library only).

Matching as in the eval: case-insensitive, whitespace runs collapsed, quote marks alike.
Run: python3 tests/data/stories/check_questions.py FOLDER [-v]
"""
import json, re, sys
from pathlib import Path

ARGS = [a for a in sys.argv[1:] if a != "-v"]
if len(ARGS) != 1:
    sys.exit("usage: check_questions.py FOLDER [-v]")
HERE = Path(ARGS[0])
VERBOSE = "-v" in sys.argv
QUOTES = str.maketrans({c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2033"} | {c: "'" for c in "\u2018\u2019\u201a\u201b\u2032`"})
GLOBAL_NEVER = ["tiny Fuhrer", "Leave a Reply", "Liked by", "WordPress.com", "Advertisement", "Akismet", "Log Out", "play video"]


def norm(s):
    return re.sub(r"\s+", " ", s.translate(QUOTES).replace("'", '"')).strip().lower()


def load(folder):
    out = {}
    for p in sorted((HERE / folder).glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")
        hdr = dict(l.split(": ", 1) for l in head.splitlines() if ": " in l)
        out[p.name] = (hdr, body, sep)
    return out


errors, warnings = [], []
arts, dists = load("articles"), load("distractors")
for name, (hdr, body, sep) in {**arts, **dists}.items():
    for k in ("Outlet", "URL", "Date", "Language", "Source"):
        if k not in hdr:
            errors.append(f"{name}: header {k} missing")
    if not sep:
        errors.append(f"{name}: no --- line")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", hdr.get("Date", "")):
        errors.append(f"{name}: bad Date {hdr.get('Date')}")
    n = len(body.split())
    if not 120 <= n <= 400:
        errors.append(f"{name}: body has {n} words")

abody = {n: norm(b) for n, (h, b, s) in arts.items()}
allbody = {**abody, **{n: norm(b) for n, (h, b, s) in dists.items()}}
outlet_of = {n: h["Outlet"] for n, (h, b, s) in arts.items()}


def where(s, bodies):
    return [n for n, b in bodies.items() if norm(s) in b]


def alts(item):
    return item if isinstance(item, list) else [item]


qs = [json.loads(l) for l in (HERE / "questions.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
stats = {"opposed": 0, "speakers": 0, "outlets": 0, "unanswered": 0}
for q in qs:
    qid = q["id"]
    assert set(q) <= {"id", "question", "answered", "must_find", "must_not_find", "opposed", "speakers", "outlets"}, qid
    positives = [s for item in q.get("must_find", []) for s in alts(item)]
    positives += [s for pair in q.get("opposed", []) for side in pair for s in alts(side)]
    positives += list(q.get("speakers", {})) + list(q.get("outlets", {}))
    if q["answered"] is False:
        stats["unanswered"] += 1
        if positives:
            errors.append(f"{qid}: answered=false but has positive checks")
    for s in positives:
        if not where(s, abody):
            errors.append(f"{qid}: not in any article body: {s!r}")
    mf = [sorted(alts(i)) for i in q.get("must_find", [])]
    for pair in q.get("opposed", []):
        for side in pair:
            if sorted(alts(side)) not in mf:
                errors.append(f"{qid}: opposed side not in must_find: {side}")
    stats["opposed"] += bool(q.get("opposed"))
    stats["speakers"] += bool(q.get("speakers"))
    stats["outlets"] += bool(q.get("outlets"))
    for s, name in q.get("speakers", {}).items():
        for n in where(s, abody):
            b = abody[n]
            i = b.find(norm(s))
            ctx = b[max(0, i - 250): i + len(s) + 120]
            ok = any(norm(x) in ctx for x in alts(name))
            (warnings if not ok else []).append(f"{qid}: speaker {name} not near {s!r} in {n}")
            if VERBOSE:
                print(f"  {qid} speakers {s!r} -> {name} in {n}: ...{ctx}...")
    for s, outlet in q.get("outlets", {}).items():
        for n in where(s, abody):
            if outlet.lower() not in outlet_of[n].lower():
                errors.append(f"{qid}: outlets {s!r} also in {n} ({outlet_of[n]})")
    for s in q.get("must_not_find", []):
        w = where(s, allbody)
        if not w:
            errors.append(f"{qid}: must_not_find string occurs nowhere: {s!r}")
        if VERBOSE:
            print(f"  {qid} must_not_find {s!r} in {w}")

for s in GLOBAL_NEVER:
    w = where(s, allbody)
    if w:
        print(f"global never-return string {s!r} occurs in {w}")

for e in errors:
    print("ERROR", e)
for w in warnings:
    print("WARNING", w)
print(f"{len(qs)} questions, {len(arts)} articles, {len(dists)} distractors, "
      f"{len(set(outlet_of.values()))} outlets; {stats['opposed']} opposed, {stats['speakers']} with speakers, "
      f"{stats['outlets']} with outlets, {stats['unanswered']} unanswered; "
      f"{len(errors)} errors, {len(warnings)} warnings")
