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
export AUGSHARP="$work/bin/augsharp"
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
if diff -r "$work/single" "$work/merged" >/dev/null; then
  echo "merged shards == single run: $(find "$work/single" -type f | wc -l) files, byte for byte"
else
  diff -rq "$work/single" "$work/merged" || true
  echo "the merged shards differ from the single run" >&2
  exit 1
fi
