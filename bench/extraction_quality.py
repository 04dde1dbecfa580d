#!/usr/bin/env python3
"""Body-text quality of `ingest extract` on the fundus-dev corpus (../shared/corpora/fundus-dev).

For every page, the extracted body and the expected body are compared as sets of word 4-gram
shingles (lowercased words): precision, recall and F1. Prints per-country medians and the
overall median and mean, plus title and date agreement. Usage:

    bench/extraction_quality.py [--ingest build/ingest/ingest] [--corpus ../shared/corpora/fundus-dev]
"""
import argparse, glob, json, os, re, statistics, subprocess, sys

WORD = re.compile(r"\w+", re.UNICODE)


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


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingest", default=os.path.join(here, "..", "build", "ingest", "ingest"))
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpora", "fundus-dev"))
    args = parser.parse_args()
    pages = sorted(glob.glob(os.path.join(args.corpus, "*", "*.html.gz")))
    if not pages:
        print(f"no pages under {args.corpus}: skipping (the corpus lives in ../shared)", file=sys.stderr)
        return 0
    run = subprocess.run([args.ingest, "extract", "--json", *pages], capture_output=True, text=True)
    extracted = {}
    for line in run.stdout.splitlines():
        obj = json.loads(line)
        extracted[obj["file"]] = obj
    rows = []
    for page in pages:
        expected = json.load(open(page[:-len(".html.gz")] + ".json", encoding="utf-8"))
        got = extracted.get(page)
        body = got["body"] if got else ""
        p, r, f = score(body, "\n".join(expected["body"]))
        title_ok = bool(got) and got["title"].strip() == expected["title"].strip()
        date_ok = bool(got) and bool(got["published"]) and expected.get("published") and \
            got["published"][:10] == expected["published"][:10]
        rows.append((page, p, r, f, title_ok, date_ok))
    f1 = [r[3] for r in rows]
    print(f"pages {len(rows)}, extracted {len(extracted)}")
    print(f"body F1 median {statistics.median(f1):.3f} mean {statistics.mean(f1):.3f}; "
          f"precision median {statistics.median(r[1] for r in rows):.3f}, "
          f"recall median {statistics.median(r[2] for r in rows):.3f}")
    print(f"title exact {sum(r[4] for r in rows)}/{len(rows)}, date (day) {sum(bool(r[5]) for r in rows)}/{len(rows)}")
    worst = sorted(rows, key=lambda r: r[3])[:10]
    print("worst pages:")
    for page, p, r, f, _, _ in worst:
        print(f"  {f:.2f} (p {p:.2f} r {r:.2f}) {os.path.relpath(page, args.corpus)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
