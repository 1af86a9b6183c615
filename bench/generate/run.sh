#!/usr/bin/env bash
# Throughput and memory of `augsharp generate` (decode, augment, encode, write):
# images per second on 1 and on 2 cores (taskset, with --jobs 1 and 2) for 1000 640x480 JPEGs, and the peak memory (RSS) for
# 1000 and for 10000 outputs. ROUNDS=N sets the number of one-core/two-core pairs (default 3). Needs the .NET SDK and GNU time (/usr/bin/time, Debian's `time`).
#   bash bench/generate/run.sh            # prints a table; WORK=dir keeps the files,
#                                         # AUGSHARP=path/AugSharp.Cli uses a published tool as it is
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${WORK:-$(mktemp -d /tmp/augsharp-generate-bench.XXXXXX)}"
mkdir -p "$work"
if [ -n "${AUGSHARP:-}" ]; then
  aug="$AUGSHARP"   # a published AugSharp.Cli to use as it is
else
  # Published as a user installs it for batch work: Release, compiled ahead of time (ReadyToRun)
  # for this platform, so that the run measures the work and not the JIT's start-up.
  rid="$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')"
  echo "publishing augsharp (Release, ReadyToRun for ${rid}) to $work/bin"
  dotnet publish "$repo/src/AugSharp.Cli" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$work/bin" -v q --nologo >/dev/null
  aug="$work/bin/AugSharp.Cli"
fi

# 1002 JPEGs of 640x480 cut from the six sample photos (167 each).
if [ ! -d "$work/in" ]; then
  mkdir -p "$work/photos"
  cp "$repo"/tests/AugSharp.Tests/TestData/Images/*.png "$repo"/tests/AugSharp.Tests/TestData/Images/*.jpg "$work/photos/"
  cat > "$work/make.yaml" <<'YAML'
transforms:
  - RandomResizedCrop: {size: [480, 640], scale: [0.3, 1.0], ratio: [1.3, 1.37]}
YAML
  "$aug" augment "$work/photos" "$work/in" --pipeline "$work/make.yaml" --copies 167 --seed 1 --format jpg --quality 90 >/dev/null
fi
cat > "$work/pipeline.yaml" <<'YAML'
transforms:
  - HorizontalFlip: {p: 0.5}
  - Affine: {rotate: [-20, 20], scale: [0.9, 1.1], translate_percent: [-0.1, 0.1], p: 0.9}
  - RandomBrightnessContrast: {p: 0.5}
YAML
images=$(find "$work/in" -type f -name '*.jpg' | wc -l)
echo "input: $images JPEGs of 640x480; $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

run() { # name jobs copies: the process is pinned to that many cores (taskset), --jobs the same
  rm -rf "$work/out-$1"
  cpus="$(seq -s, 0 $(($2 - 1)))"
  DOTNET_PROCESSOR_COUNT="$2" /usr/bin/time -f "%e %M" -o "$work/time-$1" taskset -c "$cpus" "$aug" generate "$work/in" "$work/out-$1" --pipeline "$work/pipeline.yaml" \
    --copies "$3" --jobs "$2" --seed 7 --format jpg --quality 90 >/dev/null
  read -r seconds kb < "$work/time-$1"
  outputs=$((images * $3))
  printf '%-10s cores %d  outputs %6d  %7.1f s  %7.1f images/s  peak RSS %5d MiB\n' "$1" "$2" "$outputs" "$seconds" \
    "$(echo "$outputs / $seconds" | bc -l)" "$((kb / 1024))"
  echo "$seconds" > "$work/seconds-$1"
}
# One core and two cores alternate (ROUNDS pairs, default 3), so that a change in the host's
# speed during the script touches both sides; each pair's ratio and the median are printed.
ratios=()
for round in $(seq "${ROUNDS:-3}"); do
  run one-core 1 1
  run two-cores 2 1
  ratio="$(echo "$(cat "$work/seconds-one-core") / $(cat "$work/seconds-two-cores")" | bc -l | cut -c1-4)"
  ratios+=("$ratio")
  echo "speed-up 2 cores / 1 core, pair $round: ${ratio}x"
done
echo "speed-up 2 cores / 1 core, median of ${#ratios[@]} pairs: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')x"
cmp -s <(cd "$work/out-one-core" && find . -type f ! -name summary.json ! -name report.html -exec sha256sum {} + | sort -k2) \
       <(cd "$work/out-two-cores" && find . -type f ! -name summary.json ! -name report.html -exec sha256sum {} + | sort -k2) \
  && echo "1 and 2 cores: identical files (summary.json and report.html, which hold the time, left out)" || echo "1 and 2 cores: files differ"
run ten-copies 2 10
