#!/usr/bin/env python3
"""Feed parsing throughput: ingest::parse_feed (build/bench/feed_parse_benchmark) against
Python's feedparser (Debian python3-feedparser: `scripts/install-deps --bench`), in one run,
over the same generated files. Two inputs, generated deterministically (fixed seed) into a
temporary folder, nothing committed:

  large  one RSS 2.0 feed of about 5 MB (titles with entities, descriptions with escaped
         HTML, pubDate, guid, dc:creator, categories)
  small  1,000 feeds of 20 items each, half RSS 2.0 and half Atom 1.0

Both parsers read the files into memory first and parse them N times in-process; the figure
is the median of the N repetitions. feedparser runs with its defaults (HTML sanitising and
relative URI resolution on), given each file's URL as Content-Location, as ours gets it, and
Content-Type application/xml (without one it flags every document as bozo).

    bench/feed_benchmark.py [--runs 5] [--build build] [--keep DIR]
"""
import argparse, html, os, random, shutil, statistics, subprocess, sys, tempfile, time

try:
    import feedparser
except ImportError:
    # pyenv and virtualenvs hide Debian's dist-packages; the Debian interpreter has it.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    sys.exit("feedparser is missing: scripts/install-deps --bench (Debian python3-feedparser)")

URL_PREFIX = "http://bench.example/"
SEED = 20261122

WORDS = ("cuba russia agreement minister trade energy oil havana moscow talks visit delegation "
         "cooperation sanctions investment bank rouble peso tourism flights sugar nickel power "
         "plant grid port shipping wheat fertiliser loan debt credit president parliament summit "
         "foreign ministry embassy statement memorandum signed project industry transport rail "
         "telecommunications education health vaccine students culture festival season weather "
         "hurricane harvest market prices inflation salaries pensions reform law decree council").split()
NAMES = ["Ana García", "Iván Petrov", "José Martí Pérez", "Olga Smirnova", "Luis O'Neill",
         "María Fernández", "Sergei Ivanov", "Yusimí Rodríguez", "Dmitri Volkov", "Carmen Díaz"]
CATEGORIES = ["Cuba", "Russia", "Economy", "Politics", "World", "Energy", "Culture", "Sports",
              "Trade & Industry", "Science"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def sentence(rng, lo, hi):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return words[0].capitalize() + " " + " ".join(words[1:])


def title(rng):
    # Entities as feeds write them: &amp; and character references, curly quotes, accents.
    t = html.escape(sentence(rng, 6, 12), quote=False)
    extras = [" &amp; partners", " &#8220;new stage&#8221;", " &#x2014; report", " in Habana&#8217;s port",
              " (&quot;historic&quot;)", " — según Prensa Latina", ""]
    return t + rng.choice(extras)


def description_html(rng, paragraphs):
    parts = []
    for _ in range(paragraphs):
        s = sentence(rng, 25, 60)
        w = s.split(" ")
        w[3] = f'<a href="https://outlet.example/tag/{w[3]}">{w[3]}</a>'
        w[8] = f"<strong>{w[8]}</strong>"
        parts.append("<p>" + " ".join(w) + ".</p>")
    if rng.random() < 0.3:
        parts.insert(1, f'<img src="https://outlet.example/img/{rng.randint(1, 99999)}.jpg" alt="photo" width="640">')
    return "\n".join(parts)


def rfc822(rng, base, i):
    t = base - i * 1800 - rng.randint(0, 1700)
    g = time.gmtime(t)
    offset = rng.choice(["+0000", "+0300", "-0400", "GMT", "-0500"])
    return f"{DAYS[g.tm_wday]}, {g.tm_mday:02d} {MONTHS[g.tm_mon - 1]} {g.tm_year} {g.tm_hour:02d}:{g.tm_min:02d}:{g.tm_sec:02d} {offset}"


def iso(rng, base, i):
    t = base - i * 1800 - rng.randint(0, 1700)
    off = rng.choice([0, 180, -240])
    g = time.gmtime(t + off * 60)
    zone = "Z" if off == 0 else f"{'+' if off > 0 else '-'}{abs(off) // 60:02d}:{abs(off) % 60:02d}"
    return time.strftime("%Y-%m-%dT%H:%M:%S", g) + zone


def rss_item(rng, host, n, base, paragraphs):
    slug = "-".join(rng.choice(WORDS) for _ in range(5))
    permalink = rng.random() < 0.5
    link = f"https://{host}/news/{n}/{slug}"
    guid = f'<guid isPermaLink="true">{link}</guid>' if permalink else f'<guid isPermaLink="false">{host}-{n}</guid>'
    cats = "".join(f"<category>{html.escape(c, quote=False)}</category>" for c in rng.sample(CATEGORIES, rng.randint(1, 3)))
    return (f"<item>\n<title>{title(rng)}</title>\n<link>{link}</link>\n{guid}\n"
            f"<pubDate>{rfc822(rng, base, n)}</pubDate>\n<dc:creator>{rng.choice(NAMES)}</dc:creator>\n{cats}\n"
            f"<description>{html.escape(description_html(rng, paragraphs), quote=False)}</description>\n</item>\n")


def rss_feed(rng, host, items, paragraphs, base):
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
            f"<channel>\n<title>{host} &#8211; news</title>\n<link>https://{host}/</link>\n"
            f'<atom:link href="https://{host}/feed/" rel="self" type="application/rss+xml"/>\n'
            "<description>Latest news</description>\n<language>es</language>\n")
    body = "".join(rss_item(rng, host, n, base, paragraphs) for n in range(items))
    return head + body + "</channel>\n</rss>\n"


def atom_feed(rng, host, items, base):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
           f"<title>{host} news</title>\n<id>tag:{host},2026:feed</id>\n<updated>{iso(rng, base, 0)}</updated>\n"
           f'<link rel="alternate" type="text/html" href="https://{host}/"/>\n<link rel="self" href="https://{host}/atom.xml"/>\n']
    for n in range(items):
        slug = "-".join(rng.choice(WORDS) for _ in range(5))
        kind = rng.random()
        if kind < 0.4:
            t = f'<title type="html">{html.escape(title(rng), quote=False)}</title>'
        else:
            t = f"<title>{title(rng)}</title>"
        summary = html.escape(description_html(rng, 1), quote=False)
        out.append(
            f"<entry>\n{t}\n<id>tag:{host},2026:{n}</id>\n"
            f'<link rel="alternate" type="text/html" href="/articles/{n}/{slug}"/>\n'
            f'<link rel="replies" href="/articles/{n}/{slug}#comments"/>\n'
            f"<published>{iso(rng, base, n)}</published>\n<updated>{iso(rng, base, n)}</updated>\n"
            f"<author><name>{rng.choice(NAMES)}</name></author>\n"
            f'<category term="{rng.choice(CATEGORIES).replace("&", "&amp;")}"/>\n'
            f'<summary type="html">{summary}</summary>\n</entry>\n')
    out.append("</feed>\n")
    return "".join(out)


def generate(folder):
    rng = random.Random(SEED)
    base = 1795000000  # 2026-11-18
    large = os.path.join(folder, "large")
    small = os.path.join(folder, "small")
    os.makedirs(large, exist_ok=True)
    os.makedirs(small, exist_ok=True)
    with open(os.path.join(large, "large-rss.xml"), "w", encoding="utf-8") as f:
        f.write(rss_feed(rng, "www.big-outlet.example", 2200, 4, base))
    for i in range(1000):
        host = f"outlet{i}.example"
        doc = rss_feed(rng, host, 20, 1, base) if i % 2 == 0 else atom_feed(rng, host, 20, base)
        with open(os.path.join(small, f"feed{i:04d}.{'rss' if i % 2 == 0 else 'atom'}.xml"), "w", encoding="utf-8") as f:
            f.write(doc)
    return {"large": [os.path.join(large, "large-rss.xml")],
            "small": sorted(os.path.join(small, n) for n in os.listdir(small))}


def run_ours(binary, files, runs):
    out = subprocess.run([binary, "--runs", str(runs), "--url-prefix", URL_PREFIX, *files],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{binary} failed ({out.returncode}):\n{out.stdout}{out.stderr}")
    last = out.stdout.strip().splitlines()[-1]
    seconds = float(last.split()[1])
    entries = int(last.split(" entries")[0].rsplit(" ", 1)[1])
    return seconds, entries


def run_feedparser(files, runs):
    docs = []
    for path in files:
        with open(path, "rb") as f:
            docs.append((URL_PREFIX + os.path.basename(path), f.read()))
    times, entries, bozo = [], 0, 0
    for _ in range(runs):
        entries = bozo = 0
        start = time.perf_counter()
        for url, data in docs:
            result = feedparser.parse(data, response_headers={"content-location": url,
                                                              "content-type": "application/xml"})
            entries += len(result.entries)
            bozo += bool(result.bozo)
        times.append(time.perf_counter() - start)
    return statistics.median(times), entries, bozo


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions for each parser (median reported)")
    parser.add_argument("--build", default=os.environ.get("INGEST_BUILD_DIR", os.path.join(here, "..", "build")),
                        help="build folder holding bench/feed_parse_benchmark")
    parser.add_argument("--keep", help="generate the inputs into this folder and keep them")
    parser.add_argument("--only", choices=["large", "small"], help="run one input only")
    args = parser.parse_args()
    binary = os.path.join(args.build, "bench", "feed_parse_benchmark")
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is missing: build first (scripts/build)")
    folder = args.keep or tempfile.mkdtemp(prefix="feed-bench-")
    try:
        inputs = generate(folder)
        print(f"feedparser {feedparser.__version__}, Python {sys.version.split()[0]}, {args.runs} runs each, medians")
        print(f"{'input':<7} {'files':>5} {'MB':>6} {'entries':>7} {'ingest s':>9} {'feedparser s':>12} "
              f"{'ingest MB/s':>11} {'feedparser MB/s':>15} {'ratio':>7}")
        for name, files in inputs.items():
            if args.only and name != args.only:
                continue
            mb = sum(os.path.getsize(f) for f in files) / 1e6
            ours, our_entries = run_ours(binary, files, args.runs)
            theirs, their_entries, bozo = run_feedparser(files, args.runs)
            print(f"{name:<7} {len(files):>5} {mb:>6.2f} {our_entries:>7} {ours:>9.4f} {theirs:>12.4f} "
                  f"{mb / ours:>11.1f} {mb / theirs:>15.2f} {theirs / ours:>6.1f}x", flush=True)
            if our_entries != their_entries or bozo:
                print(f"  note: feedparser found {their_entries} entries ({bozo} documents bozo), ingest {our_entries}")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
