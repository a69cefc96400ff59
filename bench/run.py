#!/usr/bin/env python3
"""`make bench`: permdocs against the cmark-alone limit and Hugo, measured in one run.

    bench/run.py [--size 20000] [--reps 3] [--growth 1000,5000,10000,20000] [--work DIR]

Generates a deterministic help center (bench/generate.py), then times, with several repetitions
(median and spread, process start included) and peak memory from /usr/bin/time:
  - the limit: cmark_markdown_to_html alone on all cores over the same expanded Markdown (what
    `permdocs build --expanded-markdown` writes: directives replaced by their HTML), writing the
    files (bench/cmark-limit.c); for reference also over the article Markdown with the directive
    lines left as text; and reading every client file once (cat);
  - permdocs build of the synthetic site, and of the example site;
  - Hugo on the same articles, when `hugo` is installed (apt-get install hugo);
  - permdocs check over the client tree (1,000 client locations among the files);
and prints a Markdown table with pages/s and the ratios permdocs/limit and Hugo/permdocs, plus the
build-time growth curve. Output goes to a tmpfs folder when /dev/shm exists.
"""
import os, platform, shutil, statistics, subprocess, sys, tempfile, time, hashlib

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
size = int(args.get("--size", 20000))
reps = int(args.get("--reps", 3))
growth = [int(x) for x in args.get("--growth", "1000,5000,10000,20000").split(",") if x]
work = args.get("--work") or ("/dev/shm/permdocs-bench" if os.path.isdir("/dev/shm") else os.path.join(repo, "bench-out"))
cores = os.cpu_count() or 1
permdocs = os.path.join(repo, ".build/release/permdocs")


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, **kw)


def once(cmd, cwd=None, before=None):
    """Runs cmd once; returns (seconds, peak MB) with /usr/bin/time."""
    if before:
        before()
    # A moment for the previous run's memory and files to be reclaimed (Hugo frees 2.6 GB), so
    # each run starts from the same quiet state.
    time.sleep(1)
    with tempfile.NamedTemporaryFile("r") as t:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd, cwd=cwd, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        return seconds, int(t.read().strip().splitlines()[-1]) / 1024


def summary(runs):
    times = [t for t, _ in runs]
    return statistics.median(times), min(times), max(times), max(mb for _, mb in runs)


def timed(cmd, cwd=None, before=None):
    """Runs cmd `reps` times; returns (median s, min s, max s, peak MB)."""
    return summary([once(cmd, cwd, before) for _ in range(reps)])


def interleaved(specs):
    """Runs each (cmd, cwd, before) of `specs` once per repetition, in turn, so a busy spell of a
    shared machine hits all of them alike; returns each one's list of (seconds, peak MB)."""
    runs = [[] for _ in specs]
    for _ in range(reps):
        for i, (cmd, cwd, before) in enumerate(specs):
            runs[i].append(once(cmd, cwd, before))
    return runs


def fresh(path):
    def clean():
        shutil.rmtree(path, ignore_errors=True)
    return clean


print(f"permdocs bench: {size} articles, {reps} repetitions, {cores} cores, work folder {work}", flush=True)
if not os.path.exists(permdocs) or os.environ.get("BENCH_SKIP_BUILD") != "1":
    sh(["swift", "build", "-c", "release", "--product", "permdocs"], cwd=repo, stdout=subprocess.DEVNULL)
os.makedirs(work, exist_ok=True)
limit_bin = os.path.join(work, "cmark-limit")
cflags = subprocess.run(["pkg-config", "--cflags", "--libs", "libcmark"], capture_output=True, text=True, check=True).stdout.split()
sh(["cc", "-O2", "-pthread", os.path.join(here, "cmark-limit.c"), "-o", limit_bin] + cflags)

# The generated site is kept between runs, under a name that changes with the generator.
with open(os.path.join(here, "generate.py"), "rb") as f:
    generator = hashlib.sha256(f.read()).hexdigest()[:12]
site = os.path.join(work, f"site-{size}-{generator}")
if not os.path.exists(os.path.join(site, "content")):
    sh([sys.executable, os.path.join(here, "generate.py"), str(size), site])
rows = []
out = os.path.join(work, "out")

def row(name, measured, pages=None):
    med, lo, hi, mb = measured
    rows.append((name, med, lo, hi, mb, pages / med if pages else None))
    print(f"  {name}: {med:.3f} s (min {lo:.3f}, max {hi:.3f}), {mb:.0f} MB", flush=True)
    return med

# The limit, as the issue defines it: cmark alone on the same expanded Markdown (template tags
# rendered, every directive replaced by its HTML block, as permdocs hands it to cmark), writing
# files of the same size (raw HTML passes, CMARK_OPT_UNSAFE). permdocs writes that Markdown itself
# (`build --expanded-markdown`); this step is not timed.
expanded = os.path.join(work, f"expanded-{size}")
fresh(expanded)()
sh([permdocs, "build", "--content", "content", "--templates", "templates", "--output", out, "--expanded-markdown", expanded],
   cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def mkout():
    fresh(out)()
    os.makedirs(out)
hugo = shutil.which("hugo")
specs = [([limit_bin, expanded, out, str(cores), "unsafe"], None, mkout),
         ([permdocs, "build", "--content", "content", "--templates", "templates", "--output", out], site, fresh(out))]
if hugo:
    specs.append(([hugo, "--quiet", "--source", os.path.join(site, "hugo"), "--destination", out], None, fresh(out)))
else:
    print("  Hugo: not installed; `apt-get install hugo` adds it to the comparison", flush=True)
# The limit, permdocs and Hugo take turns, repetition by repetition; each ratio is the median of
# the ratios of runs made side by side.
paired = interleaved(specs)
limit = row(f"cmark alone on the expanded Markdown, {cores} threads (the limit)", summary(paired[0]), size)
build = row("permdocs build", summary(paired[1]), size)
ratio = statistics.median([b / l for (b, _), (l, _) in zip(paired[1], paired[0])])
hugo_time = None
hugo_ratio = None
if hugo:
    version = subprocess.run([hugo, 'version'], capture_output=True, text=True).stdout.split()[1]
    hugo_time = row(f"Hugo ({version})", summary(paired[2]), size)
    hugo_ratio = statistics.median([h / b for (h, _), (b, _) in zip(paired[2], paired[1])])
row("cmark alone on the expanded Markdown, 1 thread", timed([limit_bin, expanded, out, "1", "unsafe"], before=mkout), size)
row(f"cmark alone on the article Markdown (directive lines left as text), {cores} threads", timed([limit_bin, os.path.join(site, "markdown"), out, str(cores)], before=mkout), size)
read_limit = row("read every client file (cat)", timed(["sh", "-c", "find client -type f -print0 | xargs -0 cat > /dev/null"], cwd=site))
check = row("permdocs check (1,000 locations)", timed([permdocs, "check", "--content", "content", "--client", "client"], cwd=site))
example_out = os.path.join(work, "example-out")
old_reps, reps = reps, max(reps, 5)
example = row("example site build", timed([permdocs, "build", "--content", "content", "--templates", "templates", "--output", example_out], cwd=repo, before=fresh(example_out)))
reps = old_reps

curve = []
for n in growth:
    g = os.path.join(work, f"site-{n}")
    if not os.path.exists(os.path.join(g, "content")):
        sh([sys.executable, os.path.join(here, "generate.py"), str(n), g, "--client-files", "1000"], stdout=subprocess.DEVNULL)
    med, lo, hi, mb = timed([permdocs, "build", "--content", "content", "--templates", "templates", "--output", out], cwd=g, before=fresh(out))
    curve.append((n, med, mb))
    print(f"  growth {n}: {med:.3f} s, {mb:.0f} MB", flush=True)

cpu = ""
try:
    cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
except Exception:
    pass
lines = [
    f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} ({cpu}), {cores} cores, "
    f"output on {'tmpfs' if work.startswith('/dev/shm') else 'disk'}; {size} articles, median of {reps} runs, process start included.",
    "",
    "| what | median s | min–max s | pages/s | peak MB |",
    "|---|---:|---:|---:|---:|",
]
for name, med, lo, hi, mb, pps in rows:
    lines.append(f"| {name} | {med:.3f} | {lo:.3f}–{hi:.3f} | {f'{pps:,.0f}' if pps else ''} | {mb:.0f} |")
lines += ["", f"- permdocs build / cmark limit: **{ratio:.2f}x** (median of {reps} side-by-side ratios; of the medians {build / limit:.2f}x; target 1.5x)"]
if hugo_time:
    lines.append(f"- Hugo / permdocs build: **{hugo_ratio:.1f}x** (median of {reps} side-by-side ratios; of the medians {hugo_time / build:.1f}x; target at least 5x)")
lines.append(f"- permdocs check / reading the files: {check / read_limit:.2f}x; check {check:.3f} s (target under 0.5 s)")
lines.append(f"- example site build: {example * 1000:.0f} ms (target under 100 ms)")
lines += ["", "| articles | build s | µs per article | peak MB |", "|---:|---:|---:|---:|"]
for n, med, mb in curve:
    lines.append(f"| {n} | {med:.3f} | {med / n * 1e6:.0f} | {mb:.0f} |")
report = "\n".join(lines) + "\n"
print()
print(report)
with open(os.path.join(work, "results.md"), "w") as f:
    f.write(report)
