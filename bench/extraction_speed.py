#!/usr/bin/env python3
"""Speed of `ingest extract` against libxml2's bare HTML parse, on the fundus-dev corpus.

In one run: the pages are decompressed into a temporary folder, then `ingest extract --json`
reads all of them in one process and `xmllint --html --noout` (libxml2-utils) parses the same
files in one process. Prints pages/s, MB/s, the ratio of the two times and each one's peak
RSS (from /usr/bin/time -v). Wall times on a shared machine swing from run to run, so each side
runs --runs times, alternating, and the medians are reported.

With --instructions, also counts instructions with callgrind (repeatable whatever else the
machine does, about a minute): inside normalize::extract_article, and inside the
htmlReadMemory call that it makes, so the ratio compares extraction with its own parse.

    bench/extraction_speed.py [--ingest build/ingest/ingest] [--corpus ../shared/corpora/fundus-dev]
                              [--runs 5] [--instructions]
"""
import argparse, glob, gzip, os, re, shutil, statistics, subprocess, sys, tempfile


def timed(command, folder):
    """Runs `command` under /usr/bin/time -v; returns (wall seconds, peak RSS in KiB). Its
    output goes to /dev/null (xmllint reports every markup error of real pages on stderr)."""
    report = os.path.join(folder, "time.txt")
    subprocess.run(["/usr/bin/time", "-v", "-o", report, *command], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = rss = None
    for line in open(report, encoding="utf-8", errors="replace"):
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            parts = line.rsplit(" ", 1)[1].split(":")
            wall = sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1])
    if wall is None or rss is None:
        sys.exit(f"could not time {command[0]}")
    return wall, rss


def instructions(ingest, files, folder):
    """Inclusive instruction counts of extract_article and of htmlReadMemory inside it."""
    out = os.path.join(folder, "callgrind.out")
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", ingest,
                    "extract", "--json", *files], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    report = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                            capture_output=True, text=True).stdout
    counts = {}
    for line in report.splitlines():
        m = re.match(r"\s*([\d,]+) \(", line)
        if not m:
            continue
        # parse_html reads through a parser context (htmlCtxtReadMemory) since the charset
        # work; older builds called htmlReadMemory.
        for name, marker in (("normalize::extract_article", ":normalize::extract_article("),
                             ("htmlReadMemory", ":htmlReadMemory "),
                             ("htmlReadMemory", ":htmlCtxtReadMemory ")):
            if marker in line and name not in counts:
                counts[name] = int(m.group(1).replace(",", ""))
    return counts.get("normalize::extract_article"), counts.get("htmlReadMemory")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--ingest", default=os.path.join(here, "..", "build", "ingest", "ingest"))
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpora", "fundus-dev"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()
    if not shutil.which("xmllint"):
        sys.exit("xmllint not found: scripts/install-deps --bench installs libxml2-utils")
    pages = sorted(glob.glob(os.path.join(args.corpus, "*", "*.html.gz")))
    if not pages:
        print(f"no pages under {args.corpus}: skipping (the corpus lives in ../shared)", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for i, page in enumerate(pages):
            path = os.path.join(folder, f"{i:04d}_{os.path.basename(page)[:-3]}")
            with gzip.open(page, "rb") as src, open(path, "wb") as dst:
                shutil.copyfileobj(src, dst)
            files.append(path)
        megabytes = sum(os.path.getsize(f) for f in files) / 1e6
        ours, theirs = [], []
        for _ in range(args.runs):
            ours.append(timed([args.ingest, "extract", "--json", *files], folder))
            theirs.append(timed(["xmllint", "--html", "--noout", *files], folder))
        t_ours = statistics.median(w for w, _ in ours)
        t_theirs = statistics.median(w for w, _ in theirs)
        print(f"{len(files)} pages, {megabytes:.1f} MB, medians of {args.runs} runs")
        for name, t, runs in (("ingest extract --json", t_ours, ours),
                              ("xmllint --html --noout", t_theirs, theirs)):
            print(f"  {name:24} {t:6.3f} s  {len(files) / t:7.1f} pages/s  {megabytes / t:6.1f} MB/s"
                  f"  peak RSS {max(r for _, r in runs) / 1024:.1f} MiB")
        print(f"  time ratio extract / parse: {t_ours / t_theirs:.2f}x")
        if args.instructions:
            extract, parse = instructions(args.ingest, files, folder)
            if extract and parse:
                print(f"  instructions: extract_article {extract / 1e9:.2f} G, its htmlReadMemory "
                      f"{parse / 1e9:.2f} G, ratio {extract / parse:.2f}x")
            else:
                print("  instructions: callgrind gave no counts (is valgrind installed?)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
