"""What the peer benchmark scripts share with `augsharp bench`: the benchmark set, the default
images, the timing loop (warm-up, then the median of runs, each run repeating the image list
until --min-time has passed) and the JSON shape of the results.

Run the scripts with the system Python (Debian: python3-opencv python3-numpy python3-scipy
python3-pil) from any folder; paths default to files inside this repository.
"""
import argparse
import json
import os
import platform
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SET_FILE = os.path.join(REPO, "src", "AugSharp", "Benchmarking", "transforms.json")
DEFAULT_IMAGES = [
    os.path.join(REPO, "src", "AugSharp.Cli", "Assets", "chelsea.png"),
    os.path.join(REPO, "src", "AugSharp.Cli", "Assets", "rocket.jpg"),
]
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff", ".ppm", ".pgm", ".pnm")


def load_set():
    with open(SET_FILE, encoding="utf-8") as f:
        return {row["name"]: row for row in json.load(f)["transforms"]}


def arguments(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--images", metavar="DIR", help="folder of images (recursively); default: the two photos built into augsharp")
    p.add_argument("--transforms", metavar="NAMES", help="comma-separated rows (default: all this script has)")
    p.add_argument("--threads", type=int, default=1, help="images processed at the same time (a thread pool)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--min-time", type=int, default=200, metavar="MS", help="shortest timed run, milliseconds; each row warms up for twice as long first")
    p.add_argument("--json", metavar="FILE", help="write the results as JSON")
    p.add_argument("--outputs", metavar="DIR", help="write each row's output of the first image as raw uint8 RGB (for the MAD column of augsharp bench --compare)")
    p.add_argument("--end-to-end", action="store_true", help="decode + the KerasPipeline row + JPEG encode (quality 90) per file")
    return p.parse_args()


def image_files(folder):
    """Image files in the same order as augsharp bench: the defaults, or a folder's files sorted by relative path."""
    if folder is None:
        return list(DEFAULT_IMAGES)
    found = []
    for root, _, files in os.walk(folder, followlinks=True):
        for name in files:
            if name.lower().endswith(IMAGE_EXTENSIONS) and ".augsharp-tmp-" not in name:
                found.append(os.path.relpath(os.path.join(root, name), folder))
    return [os.path.join(folder, f) for f in sorted(found)]


def median(values):
    return statistics.median(values) if values else float("nan")


def time_row(name, count, apply, threads, runs, min_time_s):
    """Warm-up, then `runs` timed runs; returns the result entry of the JSON."""
    per_image = []

    def one(i, record):
        start = time.perf_counter()
        apply(i)
        if record:
            per_image.append((time.perf_counter() - start) * 1000)

    pool = ThreadPoolExecutor(max_workers=threads) if threads > 1 else None

    def one_pass(record):
        if pool is None:
            for i in range(count):
                one(i, record)
        else:
            list(pool.map(lambda i: one(i, record), range(count)))

    start = time.perf_counter()
    while True:
        one_pass(False)
        if time.perf_counter() - start >= 2 * min_time_s:
            break
    rates = []
    for _ in range(runs):
        images = 0
        start = time.perf_counter()
        while True:
            one_pass(True)
            images += count
            elapsed = time.perf_counter() - start
            if elapsed >= min_time_s:
                break
        rates.append(images / elapsed)
    if pool is not None:
        pool.shutdown()
    return {"transform": name, "img_per_s": round(median(rates), 2), "median_ms": round(median(per_image), 4), "images": count, "threads": threads}


def cpu_name():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(runtime, simd):
    return {"cpu": cpu_name(), "cores": os.cpu_count(), "os": platform.platform(), "runtime": runtime, "simd": simd}


def write_report(path, library, results, unavailable, machine_info, outputs):
    report = {"library": library, "results": results, "unavailable": unavailable, "machine": machine_info}
    if outputs:
        base = os.path.dirname(os.path.abspath(path)) if path else os.getcwd()
        report["outputs"] = {name: {"file": os.path.relpath(file, base), "shape": list(shape)} for name, (file, shape) in outputs.items()}
    text = json.dumps(report, indent=2) + "\n"
    if path:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def print_table(library, results, unavailable):
    print(f"{'Transform':<20}{library + ' img/s':>20}{'median ms':>12}")
    for r in results:
        print(f"{r['transform']:<20}{r['img_per_s']:>20,.1f}{r['median_ms']:>12.3f}")
    for name in unavailable:
        print(f"{name:<20}{'not available':>20}")


def selected(args, available):
    if not args.transforms:
        return list(available)
    names = [n.strip() for n in args.transforms.split(",") if n.strip()]
    lookup = {a.lower(): a for a in available}
    unknown = [n for n in names if n.lower() not in lookup]
    if unknown:
        raise SystemExit(f"error: unknown transform(s) {', '.join(unknown)}; known: {', '.join(available)}")
    chosen = {lookup[n.lower()] for n in names}
    return [a for a in available if a in chosen]
