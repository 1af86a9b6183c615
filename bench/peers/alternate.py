#!/usr/bin/python3
"""The side-by-side table with each row alternated: AugSharp, then its peer, then AugSharp again.

On a shared or virtual machine the speed of the host can move by tens of percent from one minute
to the next, more than the difference between two libraries. Running whole tables one after the
other lets such a swing land on one side only. This script runs one row at a time, AugSharp and
its peer back to back (OpenCV's script, or the Keras stand-in for KerasPipeline), for --rounds
rounds, and reports per row the median images/s of each side and the median of the per-round
ratios (with their lowest and highest), as a Markdown table and, with --json, as JSON.

    dotnet publish src/AugSharp.Cli -c Release -o /tmp/augsharp
    /usr/bin/python3 bench/peers/alternate.py --augsharp /tmp/augsharp/AugSharp.Cli --rounds 5

--augsharp is the command that runs the tool (default: dotnet run -c Release --project
src/AugSharp.Cli --, which checks the build on every call and is slower to start). Each call
times one row the usual way (warm-up, then the median of --runs runs).
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile

import peer_common as common

HERE = os.path.dirname(os.path.abspath(__file__))


def run_json(command, row, extra):
    """Runs one benchmark command for one row and returns its images/s (None when unavailable)."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "result.json")
        full = command + ["--transforms", row, "--json", out] + extra
        done = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=common.REPO)
        if done.returncode != 0 or not os.path.exists(out):
            sys.stderr.write(f"{' '.join(full)} failed:\n{done.stdout}\n")
            return None
        with open(out, encoding="utf-8") as f:
            results = [r for r in json.load(f)["results"] if r["transform"] == row]
        return results[0]["img_per_s"] if results else None


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--augsharp", default="dotnet run -c Release --project src/AugSharp.Cli --", help="the command that runs augsharp")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--transforms", metavar="NAMES", help="comma-separated rows (default: every row and Memcpy)")
    p.add_argument("--images", metavar="DIR", help="folder of images (default: the two photos built into augsharp)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", metavar="FILE", help="write the table as JSON")
    args = p.parse_args()

    rows = list(common.load_set()) + ["Memcpy"]
    if args.transforms:
        wanted = [t.strip() for t in args.transforms.split(",") if t.strip()]
        unknown = [t for t in wanted if t not in rows]
        if unknown:
            p.error(f"unknown rows: {', '.join(unknown)}")
        rows = wanted
    extra = ["--runs", str(args.runs)] + (["--images", args.images] if args.images else [])
    augsharp = shlex.split(args.augsharp) + ["bench"]
    python = [sys.executable]
    table = []
    for row in rows:
        peer_script = "keras_standin.py" if row == "KerasPipeline" else "opencv_bench.py"
        peer = python + [os.path.join(HERE, peer_script)]
        ours, theirs, ratios = [], [], []
        for _ in range(args.rounds):
            a = run_json(augsharp, row, extra)
            b = run_json(peer, row, extra)
            if a is None or b is None:
                continue
            ours.append(a)
            theirs.append(b)
            ratios.append(a / b)
        if not ratios:
            print(f"{row}: no result", file=sys.stderr)
            continue
        entry = {
            "transform": row,
            "peer": "Keras stand-in" if row == "KerasPipeline" else "OpenCV",
            "augsharp_img_per_s": statistics.median(ours),
            "peer_img_per_s": statistics.median(theirs),
            "ratio": statistics.median(ratios),
            "ratio_min": min(ratios),
            "ratio_max": max(ratios),
            "rounds": len(ratios),
        }
        table.append(entry)
        print(f"{row:<20}{entry['augsharp_img_per_s']:>10,.0f}{entry['peer_img_per_s']:>10,.0f}"
              f"{entry['ratio']:>8.2f}x  ({entry['ratio_min']:.2f}-{entry['ratio_max']:.2f})", file=sys.stderr, flush=True)

    print("| Transform | AugSharp img/s | peer img/s | ratio (median) | lowest-highest |")
    print("|---|---:|---:|---:|---:|")
    for e in table:
        print(f"| {e['transform']} | {e['augsharp_img_per_s']:,.0f} | {e['peer_img_per_s']:,.0f} | "
              f"{e['ratio']:.2f}x | {e['ratio_min']:.2f}-{e['ratio_max']:.2f}x |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"rounds": args.rounds, "results": table, "cpu": common.cpu_name()}, f, indent=2)


if __name__ == "__main__":
    main()
