#!/usr/bin/env bash
# End to end on one machine (Debian, as root): starts a one-node Slurm cluster, generates a data
# set from the sample photos as a 4-task job array, merges the shards, makes the same data set in
# a single run, and compares the two byte for byte.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${WORK:-$(mktemp -d /tmp/augsharp-slurm.XXXXXX)}"
tasks="${TASKS:-4}"
echo "== one-node cluster"
bash "$repo/deploy/slurm/start-one-node-cluster.sh"
echo "== publishing augsharp to $work/bin"
dotnet publish "$repo/src/AugSharp.Cli" -c Release -o "$work/bin" -v q --nologo >/dev/null
export AUGSHARP="$work/bin/AugSharp.Cli"
echo "== input: the sample photos in two class folders, 4 copies each (48 images)"
mkdir -p "$work/in/cats" "$work/in/others"
for f in "$repo"/tests/AugSharp.Tests/TestData/Images/*.png "$repo"/tests/AugSharp.Tests/TestData/Images/*.jpg; do
  name="$(basename "$f")"
  case "$name" in chelsea.png|coffee.png) cls=cats ;; *) cls=others ;; esac
  for k in 1 2 3 4; do cp "$f" "$work/in/$cls/${k}_$name"; done
done
cat > "$work/pipeline.yaml" <<'YAML'
transforms:
  - HorizontalFlip: {p: 0.5}
  - Affine: {rotate: [-20, 20], scale: [0.9, 1.1], p: 0.8}
  - RandomBrightnessContrast: {p: 0.5}
YAML
export INPUT="$work/in" OUTPUT="$work/shards" PIPELINE="$work/pipeline.yaml" COPIES=3 SEED=42
echo "== sbatch --array=0-$((tasks - 1)) --wait"
(cd "$work" && sbatch --wait --array="0-$((tasks - 1))" "$repo/deploy/slurm/generate.sbatch")
for log in "$work"/augsharp-generate-*.log; do echo "-- $(basename "$log")"; cat "$log"; done
echo "== merge"
"$AUGSHARP" merge "$work/merged" "$work"/shards/shard-*
echo "== single run"
"$AUGSHARP" generate "$INPUT" "$work/single" --pipeline "$PIPELINE" --copies 3 --seed 42 --jobs "$(nproc)"
echo "== compare"
# Every file byte for byte; summary.json and report.html too, but for their "run" sections (the
# time and throughput of each run).
without_run() { python3 - "$1" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
if sys.argv[1].endswith(".json"):
    d = json.loads(text); d.pop("run", None); print(json.dumps(d, sort_keys=True))
else:
    print(re.sub(r'<section id="run">.*?</section>', "", text, flags=re.S))
PY
}
same=yes
diff -r --exclude=summary.json --exclude=report.html "$work/single" "$work/merged" >/dev/null || same=no
for f in summary.json report.html; do
  [ "$(without_run "$work/single/$f")" = "$(without_run "$work/merged/$f")" ] || same=no
done
if [ "$same" = yes ]; then
  echo "merged shards == single run: $(find "$work/single" -type f | wc -l) files, byte for byte (summary.json and report.html but for their run sections)"
else
  diff -rq "$work/single" "$work/merged" || true
  echo "the merged shards differ from the single run" >&2
  exit 1
fi
