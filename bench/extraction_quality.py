#!/usr/bin/env python3
"""Extraction quality of `ingest extract` on the fundus-dev corpus (../shared/corpora/fundus-dev).

Body: the extracted and expected bodies are compared as sets of word 4-gram shingles
(lowercased words): precision, recall and F1, per-country and overall median and mean.

Metadata, one verdict per page and field:
  title    exact match after whitespace normalisation only (case and punctuation count);
  date     the same minute in UTC when the expected value has a time of day, else the same
           calendar day; an expected value without a zone is compared as wall-clock time;
  authors  exact: the set of names equals the expected set after case and whitespace
           normalisation (an empty expected list needs an empty answer); overlap: the two
           sets share a name (or are both empty).

Each page is extracted with its own URL (--url), as the pipeline does. Usage:

    bench/extraction_quality.py [--ingest build/ingest/ingest] [--corpus ../shared/corpora/fundus-dev]
                                [--failures title,date,authors] [--quiet]
                                [--save FILE] [--against FILE]
"""
import argparse, concurrent.futures, datetime, glob, json, os, re, statistics, subprocess, sys

WORD = re.compile(r"\w+", re.UNICODE)
SPACE = re.compile(r"\s+", re.UNICODE)


def shingles(text, n=4):
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def score(got, want):
    g, w = shingles(got), shingles(want)
    if not g and not w:
        return 1.0, 1.0, 1.0
    if not g or not w:
        return 0.0, 0.0, 0.0
    common = len(g & w)
    p, r = common / len(g), common / len(w)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def spaces(text):
    return SPACE.sub(" ", text or "").strip()


def kept_boilerplate(got, want):
    """The `must_not` phrases of the project's own pages (tests/data/extraction) found in the body."""
    words = " ".join(w.lower() for w in WORD.findall(got))
    return [m for m in want.get("must_not", []) if " ".join(w.lower() for w in WORD.findall(m)) in words]


def title_ok(got, want):
    return spaces(got) == spaces(want)


def parse_time(text):
    """(datetime, has_time, has_zone) from '2024-05-03 15:47:42.389+00:00' or ISO 8601."""
    if not text:
        return None
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    has_time = (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0)
    return value, has_time, value.tzinfo is not None


def date_ok(got, want):
    expected, got_value = parse_time(want), parse_time(got)
    if not expected:
        return got_value is None
    if not got_value:
        return False
    w, w_time, w_zone = expected
    g, _, _ = got_value
    if not w_time:
        # A date without a time: the day as the page writes it (our value keeps its offset).
        return g.date() == w.date()
    if w_zone:
        g_utc, w_utc = g.astimezone(datetime.timezone.utc), w.astimezone(datetime.timezone.utc)
        return g_utc.replace(second=0, microsecond=0) == w_utc.replace(second=0, microsecond=0)
    return g.replace(tzinfo=None, second=0, microsecond=0) == w.replace(second=0, microsecond=0)


def name_set(names):
    return {spaces(n).casefold() for n in names if spaces(n)}


def authors_ok(got, want):
    return name_set(got) == name_set(want)


def authors_overlap(got, want):
    g, w = name_set(got), name_set(want)
    return g == w or bool(g & w)


def stem(page):
    return page[:-len(".gz")] [:-len(".html")] if page.endswith(".gz") else page[:-len(".html")]


def extract(ingest, page, url):
    command = [ingest, "extract", "--json"] + (["--url", url] if url else []) + [page]
    run = subprocess.run(command, capture_output=True, text=True)
    for line in run.stdout.splitlines():
        return json.loads(line)
    return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingest", default=os.path.join(here, "..", "build", "ingest", "ingest"))
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpora", "fundus-dev"))
    parser.add_argument("--failures", default="title,date,authors",
                        help="fields whose failing pages are listed (comma-separated, or 'none')")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    parser.add_argument("--by-folder", action="store_true", help="figures per folder (cause, or country)")
    parser.add_argument("--save", help="write each page's figures (body P/R/F1, title, authors) as JSON")
    parser.add_argument("--against", help="a file from --save: list the pages whose F1 moved by more than 0.02")
    args = parser.parse_args()
    # fundus-dev keeps its pages gzipped; the project's own pages (tests/data/extraction) are plain.
    pages = sorted(glob.glob(os.path.join(args.corpus, "*", "*.html.gz")) +
                   glob.glob(os.path.join(args.corpus, "*", "*.html")))
    if not pages:
        print(f"no pages under {args.corpus}: skipping (the corpus lives in ../shared)", file=sys.stderr)
        return 0
    expected = {p: json.load(open(stem(p) + ".json", encoding="utf-8")) for p in pages}
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        got_list = list(pool.map(lambda p: extract(args.ingest, p, expected[p].get("url")), pages))
    rows = []
    for page, got in zip(pages, got_list):
        want = expected[page]
        got = got or {"title": "", "authors": [], "published": None, "body": ""}
        p, r, f = score(got["body"], "\n".join(want["body"]))
        rows.append({
            "page": os.path.relpath(stem(page), args.corpus),
            "p": p, "r": r, "f": f,
            "title": title_ok(got["title"], want["title"]),
            "date": date_ok(got["published"], want.get("published")),
            "authors": authors_ok(got["authors"], want.get("authors", [])),
            "overlap": authors_overlap(got["authors"], want.get("authors", [])),
            "kept": kept_boilerplate(got["body"], want),
            "empty": not got["body"].strip(),
            "got": got, "want": want,
        })
    n = len(rows)
    f1 = [r["f"] for r in rows]
    extracted = sum(1 for g in got_list if g)
    print(f"pages {n}, extracted {extracted}")
    print(f"body F1 median {statistics.median(f1):.3f} mean {statistics.mean(f1):.3f}; "
          f"precision median {statistics.median(r['p'] for r in rows):.3f}, "
          f"recall median {statistics.median(r['r'] for r in rows):.3f}")

    def count(field):
        hits = sum(r[field] for r in rows)
        return f"{hits}/{n} ({100 * hits / n:.1f}%)"

    print(f"title exact {count('title')}, date {count('date')}, "
          f"authors exact {count('authors')}, authors overlap {count('overlap')}")
    if any("must_not" in r["want"] for r in rows):
        print(f"boilerplate phrases kept {sum(len(r['kept']) for r in rows)} of "
              f"{sum(len(r['want'].get('must_not', [])) for r in rows)}, empty bodies {sum(r['empty'] for r in rows)}")
    # Per folder: the cause each of the project's own pages reproduces, or fundus-dev's country.
    if args.by_folder:
        print("by folder: pages, body F1 mean, P mean, R mean, title, authors, boilerplate kept, empty")
        for folder in sorted({r["page"].split("/")[0] for r in rows}):
            group = [r for r in rows if r["page"].split("/")[0] == folder]
            mean = lambda key: statistics.mean(r[key] for r in group)
            print(f"  {folder:16} {len(group):3}  F1 {mean('f'):.3f}  P {mean('p'):.3f}  R {mean('r'):.3f}  "
                  f"title {sum(r['title'] for r in group)}/{len(group)}  authors {sum(r['authors'] for r in group)}/{len(group)}  "
                  f"kept {sum(len(r['kept']) for r in group)}  empty {sum(r['empty'] for r in group)}")
    if args.save:
        with open(args.save, "w", encoding="utf-8") as out:
            json.dump({r["page"]: {"p": round(r["p"], 4), "r": round(r["r"], 4), "f": round(r["f"], 4),
                                   "title": r["title"], "authors": r["authors"]} for r in rows},
                      out, indent=1, sort_keys=True)
    if args.against:
        before = json.load(open(args.against, encoding="utf-8"))
        moved = [(r["f"] - before[r["page"]]["f"], r) for r in rows if r["page"] in before]
        worse = sorted((m for m in moved if m[0] < -0.02), key=lambda m: m[0])
        better = sorted((m for m in moved if m[0] > 0.02), key=lambda m: -m[0])
        for name, field in (("title", "title"), ("authors", "authors")):
            won = sum(1 for r in rows if r["page"] in before and r[field] and not before[r["page"]][field])
            lost = sum(1 for r in rows if r["page"] in before and not r[field] and before[r["page"]][field])
            print(f"against {args.against}: {name} +{won} -{lost}")
        print(f"against {args.against}: {len(worse)} pages worse by more than 0.02, {len(better)} better")
        for delta, r in worse + better:
            print(f"  {delta:+.3f} -> {r['f']:.3f} {r['page']}")
    if args.quiet:
        return 0
    worst = sorted(rows, key=lambda r: r["f"])[:10]
    print("worst body pages:")
    for r in worst:
        print(f"  {r['f']:.2f} (p {r['p']:.2f} r {r['r']:.2f}) {r['page']}")
    fields = [] if args.failures == "none" else args.failures.split(",")
    show = {"title": lambda g, w: (g["title"], w["title"]),
            "date": lambda g, w: (g["published"], w.get("published")),
            "authors": lambda g, w: (g["authors"], w.get("authors", []))}
    for field in fields:
        failing = [r for r in rows if not r[field]]
        print(f"{field} failures ({len(failing)}):")
        for r in failing:
            got_value, want_value = show[field](r["got"], r["want"])
            print(f"  {r['page']}\n      got  {got_value!r}\n      want {want_value!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
