#!/usr/bin/env python3
"""Save-to-reload time of `permdocs serve`, and of `hugo server` on the same articles.

    bench/serve.py [--size N] [--edits N] [--catalog-edits N] [--site DIR]

Generates the benchmark help center (bench/generate.py, N articles, default 20,000) unless DIR
already holds one, starts `permdocs serve` (the release binary) on it and edits one article N
times (a word of its first paragraph; what other pages show of it stays), each edit a plain write
of the file as an editor saves it. For each edit it measures, from just before the write:

  - reload signal: until the page's pending long poll (/__permdocs/wait, opened before the
    write, as an open page holds it) answers that a new build succeeded;
  - page: until the reloaded page, fetched over HTTP, holds the edit.

and then, for --catalog-edits edits of one feature's title in the catalog (default 3), the reload
signal: everything is loaded and checked again, and the pages that show the title rendered.

Then the same edits under `hugo server` (when installed), for which "page" is measured the same
way: from the write until the page fetched over HTTP holds the edit (polled every 2 ms), and
Hugo's own "Total in N ms" is reported beside it. Prints medians and the range.
"""
import json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
size = int(args.get("--size", 20000))
edits = int(args.get("--edits", 20))
catalog_edits = int(args.get("--catalog-edits", 3))
site = args.get("--site") or os.path.join(tempfile.gettempdir(), f"permdocs-serve-bench-{size}")
binary = os.path.join(root, ".build", "release", "permdocs")
run = f"{int(time.time()) % 100000:05d}"  # edits differ from any earlier run's

if not os.path.isdir(os.path.join(site, "content")):
    subprocess.run([sys.executable, os.path.join(here, "generate.py"), str(size), site], check=True, stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def article_path(n):
    return os.path.join(site, "content", "articles", f"article-{n:05d}.md")


def edit(path, marker):
    """Replaces the first word of the first paragraph after the front matter with `marker`."""
    with open(path) as f:
        text = f.read()
    new = re.sub(r"(\n---\n\n)(\S+)", lambda m: m.group(1) + marker, text, count=1)
    assert new != text
    return new


def median_range(xs):
    return f"median {statistics.median(xs):.1f} ms (min {min(xs):.1f}, max {max(xs):.1f}, n={len(xs)})"


def bench_permdocs():
    port = free_port()
    log = open(os.path.join(tempfile.gettempdir(), "permdocs-serve-bench.log"), "w+")
    proc = subprocess.Popen(
        [binary, "serve", "--content", os.path.join(site, "content"), "--templates", os.path.join(site, "templates"),
         "--port", str(port)], stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.time()
        while True:
            try:
                status = json.loads(get(base + "/__permdocs/wait?since=-1&now=1"))
                break
            except OSError:
                if time.time() - started > 120 or proc.poll() is not None:
                    log.seek(0)
                    sys.exit("permdocs serve did not start:\n" + log.read())
                time.sleep(0.05)
        first_build = time.time() - started
        signal, page = [], []
        for i in range(edits):
            n = (i * 7919) % size
            path = article_path(n)
            marker = f"Edited{run}n{i:03d}x"
            text = edit(path, marker)
            attempt = status["attempt"]
            result = {}

            def wait():
                result["status"] = json.loads(get(f"{base}/__permdocs/wait?since={attempt}"))
                result["t"] = time.perf_counter()

            waiter = threading.Thread(target=wait)
            waiter.start()
            time.sleep(0.05)  # the long poll is pending, as an open page's is
            t0 = time.perf_counter()
            with open(path, "w") as f:
                f.write(text)
            waiter.join()
            status = result["status"]
            assert status["ok"] and status["attempt"] == attempt + 1, status
            signal.append((result["t"] - t0) * 1000)
            body = get(f"{base}/article-{n:05d}.html").decode()
            t2 = time.perf_counter()
            assert marker in body
            page.append((t2 - t0) * 1000)
        # The catalog: one feature's title, which its permission table (on about 150 articles),
        # the consent page and the checklists show.
        catalog_path = os.path.join(site, "content", "permissions.yaml")
        catalog = []
        for i in range(catalog_edits):
            with open(catalog_path) as f:
                text = f.read()
            new = re.sub(r"title: Integration 044 sync[^\n]*", f"title: Integration 044 sync, edit {run}n{i}", text, count=1)
            attempt = status["attempt"]
            result = {}

            def wait():
                result["status"] = json.loads(get(f"{base}/__permdocs/wait?since={attempt}", timeout=120))
                result["t"] = time.perf_counter()

            waiter = threading.Thread(target=wait)
            waiter.start()
            time.sleep(0.05)
            t0 = time.perf_counter()
            with open(catalog_path, "w") as f:
                f.write(new)
            waiter.join()
            status = result["status"]
            assert status["ok"] and status["attempt"] == attempt + 1, status
            catalog.append((result["t"] - t0) * 1000)
        log.seek(0)
        text = log.read()
        lines = [l for l in text.splitlines() if "alone" in l]
        builds = [float(re.search(r"in ([0-9.]+) ms", l).group(1)) for l in lines]
        shown = re.findall(r"\(([0-9]+) pages show what changed\)", text)
        return first_build, signal, page, builds, catalog, shown
    finally:
        proc.terminate()
        proc.wait()


def bench_hugo():
    hugo = shutil.which("hugo")
    if not hugo:
        return None
    port = free_port()
    log = open(os.path.join(tempfile.gettempdir(), "hugo-server-bench.log"), "w+")
    proc = subprocess.Popen([hugo, "server", "--source", os.path.join(site, "hugo"), "--port", str(port), "--bind", "127.0.0.1"],
                            stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.time()
        while True:
            try:
                get(base + "/")
                break
            except OSError:
                if time.time() - started > 300 or proc.poll() is not None:
                    log.seek(0)
                    sys.exit("hugo server did not start:\n" + log.read()[-2000:])
                time.sleep(0.1)
        first_build = time.time() - started
        page = []
        for i in range(edits):
            n = (i * 7919 + 1) % size
            path = os.path.join(site, "hugo", "content", "articles", f"article-{n:05d}.md")
            marker = f"Hugoedit{run}n{i:03d}x"
            text = edit(path, marker)
            url = f"{base}/articles/article-{n:05d}.html"  # uglyURLs, as bench/generate.py writes hugo.toml
            time.sleep(0.3)
            t0 = time.perf_counter()
            with open(path, "w") as f:
                f.write(text)
            while True:
                try:
                    if marker in get(url).decode():
                        break
                except OSError:
                    pass
                if time.perf_counter() - t0 > 60:
                    sys.exit(f"hugo server did not show the edit of {path}")
                time.sleep(0.002)
            page.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.5)
        log.seek(0)
        totals = [float(x) for x in re.findall(r"Total in ([0-9.]+) ms", log.read())][1:]
        version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1]
        return version, first_build, page, totals
    finally:
        proc.terminate()
        proc.wait()


first, signal, page, builds, catalog, shown = bench_permdocs()
print(f"permdocs serve, {size} articles: first build and listening {first:.1f} s")
print(f"  one article edited, save to reload signal: {median_range(signal)}")
print(f"  one article edited, save to page served:   {median_range(page)}")
print(f"  the rebuild itself (permdocs' log):         {median_range(builds)}")
if catalog:
    print(f"  a feature's title edited in the catalog ({', '.join(sorted(set(shown)))} pages show it), save to reload signal: {median_range(catalog)}")
h = bench_hugo()
if h:
    version, first, page, totals = h
    print(f"hugo server {version}, {size} articles: first build and listening {first:.1f} s")
    print(f"  one article edited, save to page served:   {median_range(page)}")
    if totals:
        print(f"  the rebuild itself (Hugo's log):          {median_range(totals)}")
else:
    print("hugo: not installed; `apt-get install hugo` adds it to the comparison")
