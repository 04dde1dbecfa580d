#!/usr/bin/env python3
"""Agreement of `ingest parse-feed` with Python's feedparser (Debian python3-feedparser:
`scripts/install-deps --bench`) on a folder of feed documents.

For every document (any file under FOLDER, recursively), runs
`ingest parse-feed --url URL FILE` and feedparser.parse(bytes) with Content-Location URL and
Content-Type application/xml, where URL is --base-url joined with the file's path relative to
FOLDER (the default mirrors feedparser's own test server, so relative links resolve as its
tests expect). Entries are paired by position and compared per field:

  link, id, title   strings; whitespace runs collapsed and trimmed on both sides. Our title
                    is plain text, so feedparser's title is taken as plain text too when its
                    type is HTML or XHTML (tags dropped, entities decoded).
  published,        feedparser's *_parsed (a UTC struct_time) and ours (ISO 8601 UTC, as
  updated           parse-feed prints them) both as "YYYY-MM-DDTHH:MM:SSZ", or null.
                    feedparser's `updated` is read without its fallback to `published`.

A document where the two find a different number of entries counts its surplus entries as
disagreeing on every field, listed once as field "entry" (the missing side shown as
<no entry>, the other as its non-empty fields). Prints a summary
(documents, entries, agreement per field) and then every disagreement as
FILE  entry N  FIELD  ours=...  theirs=...

    bench/feedparser_agreement.py FOLDER [--ingest build/ingest/ingest]
        [--base-url http://127.0.0.1:8097/tests/wellformed/] [--json OUT]
"""
import argparse, calendar, html, json, os, re, subprocess, sys, time

try:
    import feedparser
except ImportError:
    # pyenv and virtualenvs hide Debian's dist-packages; the Debian interpreter has it.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    sys.exit("feedparser is missing: scripts/install-deps --bench (Debian python3-feedparser)")

FIELDS = ["link", "id", "title", "published", "updated"]
MISSING = "<no entry>"
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


def squash(text):
    return SPACE.sub(" ", text or "").strip()


def plain(text):
    return html.unescape(TAG.sub("", text or ""))


def iso_utc(parsed):
    """feedparser's *_parsed is a struct_time in UTC; None stays None."""
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(parsed)))


def ours_iso(value):
    """parse-feed prints "YYYY-MM-DDTHH:MM:SSZ" or null; normalise anything ISO-like the same way."""
    if not value:
        return None
    m = re.match(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)", value)
    if not m:
        return value
    hms = m.group(2) if len(m.group(2)) == 8 else m.group(2) + ":00"
    return f"{m.group(1)}T{hms}Z"


def theirs(entry):
    title = entry.get("title", "")
    detail = entry.get("title_detail") or {}
    if detail.get("type") in ("text/html", "application/xhtml+xml"):
        title = plain(title)
    return {
        "link": squash(entry.get("link", "")),
        "id": squash(entry.get("id", "")),
        "title": squash(title),
        "published": iso_utc(dict.get(entry, "published_parsed")),
        "updated": iso_utc(dict.get(entry, "updated_parsed")),  # dict.get: no fallback to published
    }


def ours(obj):
    return {
        "link": squash(obj.get("link", "")),
        "id": squash(obj.get("id", "")),
        "title": squash(obj.get("title", "")),
        "published": ours_iso(obj.get("published")),
        "updated": ours_iso(obj.get("updated")),
    }


def run_ingest(binary, path, url):
    run = subprocess.run([binary, "parse-feed", "--url", url, path], capture_output=True)
    entries = []
    for line in run.stdout.decode("utf-8", "replace").splitlines():
        if line.strip():
            entries.append(json.loads(line))
    error = None
    if run.returncode != 0:
        error = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {run.returncode}"]
        error = error[0]
    return entries, error


def show(value):
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--ingest", default=os.path.join(here, "..", "build", "ingest", "ingest"))
    parser.add_argument("--base-url", default="http://127.0.0.1:8097/tests/wellformed/",
                        help="documents' URLs are this joined with their path relative to FOLDER")
    parser.add_argument("--json", help="also write the disagreements to this file as JSON")
    args = parser.parse_args()
    files = sorted(os.path.join(d, f) for d, _, names in os.walk(args.folder) for f in names)
    if not files:
        sys.exit(f"no files under {args.folder}")
    base = args.base_url if args.base_url.endswith("/") else args.base_url + "/"
    agree = {f: 0 for f in FIELDS}
    pairs = 0
    accepted_pairs = 0  # entries of documents ingest parsed (not refused)
    failed = []
    disagreements = []
    for path in files:
        rel = os.path.relpath(path, args.folder)
        url = base + rel.replace(os.sep, "/")
        mine, error = run_ingest(args.ingest, path, url)
        with open(path, "rb") as f:
            result = feedparser.parse(f.read(), response_headers={"content-location": url,
                                                                   "content-type": "application/xml"})
        if error:
            failed.append((rel, error, len(result.entries)))
        a = [ours(e) for e in mine]
        b = [theirs(e) for e in result.entries]
        for i in range(max(len(a), len(b))):
            pairs += 1
            accepted_pairs += not error
            x = a[i] if i < len(a) else None
            y = b[i] if i < len(b) else None
            if not x or not y:  # one side has no such entry: one line, every field counts as disagreeing
                disagreements.append({"file": rel, "entry": i, "field": "entry",
                                      "ours": x or MISSING, "theirs": y or MISSING})
                continue
            for field in FIELDS:
                if x[field] == y[field]:
                    agree[field] += 1
                else:
                    disagreements.append({"file": rel, "entry": i, "field": field, "ours": x[field], "theirs": y[field]})
    docs_with = len({d["file"] for d in disagreements})
    print(f"documents: {len(files)} ({len(failed)} refused by ingest, {docs_with} with a disagreement)")
    print(f"entries compared: {pairs}")
    for field in FIELDS:
        share = agree[field] / pairs * 100 if pairs else 100.0
        print(f"  {field:<10} {agree[field]:>5}/{pairs} agree ({share:.1f}%)")
    if failed:
        # Refused documents agree on nothing; the same figures over the documents ingest parsed:
        print(f"entries of the {len(files) - len(failed)} documents ingest parsed: {accepted_pairs}")
        for field in FIELDS:
            share = agree[field] / accepted_pairs * 100 if accepted_pairs else 100.0
            print(f"  {field:<10} {agree[field]:>5}/{accepted_pairs} agree ({share:.1f}%)")
    if failed:
        print(f"\nrefused by ingest parse-feed ({len(failed)}):")
        for rel, error, n in failed:
            print(f"  {rel}: {error} (feedparser: {n} entries)")
    if disagreements:
        print(f"\ndisagreements ({len(disagreements)}):")
        for d in disagreements:
            o = d["ours"] if d["ours"] == MISSING else show(d["ours"])
            t = d["theirs"] if d["theirs"] == MISSING else show(d["theirs"])
            if d["field"] == "entry":  # a whole entry on one side only: show its non-empty fields
                o = d["ours"] if d["ours"] == MISSING else show({k: v for k, v in d["ours"].items() if v})
                t = d["theirs"] if d["theirs"] == MISSING else show({k: v for k, v in d["theirs"].items() if v})
            print(f"  {d['file']}  entry {d['entry']}  {d['field']}  ours={o}  theirs={t}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"agree": agree, "entries": pairs, "documents": len(files),
                       "refused": failed, "disagreements": disagreements}, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
