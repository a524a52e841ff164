#!/usr/bin/env bash
# Template scan benchmark (not part of mvn verify): generates a cdk.out of 50 stacks x 500 resources
# (CDK-shaped: buckets, keys, roles and policies, functions, security groups, subnets, log groups,
# alarms, queues, topics, tables), then times whole processes: the launcher on the whole assembly,
# the launcher on one stack, and cfn-lint on the same stack. Median wall time of RUNS runs (default 5)
# and peak RSS (GNU time). Usage: bench/run-template-bench.sh [WORK_DIR]
# SIZES="25 50 100" (issue 7, "Limits, measured"): instead, generates assemblies of about that many MB of
# templates (500-resource stacks), scans each with --format json, and prints wall time, peak RSS and the heap
# left live after GC (the launcher's GC log) per size, the memory added per MB of input added, and whether
# memory grows no more than linearly with input size.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${RUNS:-5}"
stacks="${STACKS:-50}"
resources="${RESOURCES:-500}"
work="${1:-$(mktemp -d -t cxscan-bench.XXXXXX)}"
mkdir -p "$work"
timer=/usr/bin/time
[[ -x "$timer" ]] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
cfnlint="$(command -v cfn-lint || true)"
[[ -z "$cfnlint" && -x /root/.pyenv/shims/cfn-lint ]] && cfnlint=/root/.pyenv/shims/cfn-lint

echo "bench: building (jar, CDS archive, test classes)" >&2
./cxscan --version >/dev/null
mvn -B -q -o test-compile -pl scanner -am >&2 || mvn -B -q test-compile -pl scanner -am >&2
cp="scanner/target/test-classes:scanner/target/cxscan.jar"
if [[ -z "${SIZES:-}" ]]; then
  rm -rf "$work/cdk.out"
  java -cp "$cp" dev.cxscan.scanner.bench.TemplateScanBenchmark "$work/cdk.out" "$stacks" "$resources"
fi
one="$work/cdk.out/Workload01Stack.template.json"

# does this build's loader read cdk.out folders? if not, name the templates (and say so)
whole=("$work/cdk.out")
rc=0
if [[ -z "${SIZES:-}" ]]; then
  set +e
  ./cxscan template "$work/cdk.out" --format json --out "$work/probe" -q >/dev/null 2>"$work/probe.err"
  rc=$?
  set -e
fi
if [[ $rc -eq 2 || $rc -eq 3 ]]; then
  echo "bench: note: 'cxscan template cdk.out' exited $rc ($(head -1 "$work/probe.err")); timing the template files named one by one instead" >&2
  whole=("$work"/cdk.out/*.template.json)
fi

# measure LABEL CMD...: prints "LABEL median_s max_rss_mb"
measure() {
  local label="$1"; shift
  local walls=() cpus=() rss=0 i w m u s
  for ((i = 0; i < runs; i++)); do
    "$timer" -f '%e %M %U %S' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
    read -r w m u s < <(tail -1 "$work/time.txt")
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    (( m > rss )) && rss=$m
  done
  local median cpu
  median="$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  cpu="$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  printf '%-20s median wall %6.2f s  cpu %6.2f s  peak RSS %4d MB  walls: %s\n' "$label" "$median" "$cpu" $((rss / 1024)) "${walls[*]}"
  echo "$median" >"$work/$label.median"
  echo $((rss / 1024)) >"$work/$label.rss"
}

# largest heap occupancy left after a collection in a -Xlog:gc file, in MB (the same measure at every size: a
# scan's heap only grows until the reports are written)
live_heap() {
  grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$1" | awk -F'->|M' '{ if ($3 > m) m = $3 } END { print m + 0 }'
}

if [[ -n "${SIZES:-}" ]]; then
  echo "== template memory vs input size: ${SIZES} MB of templates, --format json, $runs run(s) each"
  echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  rows=()
  for mb in $SIZES; do
    n=$(( (mb * 1000 + 174) / 348 )) # a 500-resource stack is 0.348 MB
    dir="$work/size-$mb/cdk.out"
    [[ -d "$dir" ]] || java -cp "$cp" dev.cxscan.scanner.bench.TemplateScanBenchmark "$dir" "$n" 500
    input="$(du -sb "$dir" | awk '{ printf "%.1f", $1 / 1e6 }')"
    rm -f "$work/gc-$mb.log"
    CXSCAN_JAVA_OPTS="-Xlog:gc:file=$work/gc-$mb.log" measure "size-${mb}MB" ./cxscan template "$dir" --format json --out "$work/out-$mb"
    live="$(live_heap "$work/gc-$mb.log")"
    echo "   input $input MB ($n stacks, $((n * 500)) resources): heap after GC up to $live MB"
    rows+=("$input $(cat "$work/size-${mb}MB.rss") $live $(cat "$work/size-${mb}MB.median")")
  done
  printf '%s\n' "${rows[@]}" | awk '
    { in_[NR] = $1; rss[NR] = $2; live[NR] = $3; wall[NR] = $4 }
    NR > 1 { printf "   %5.1f -> %5.1f MB input: +%4d MB RSS (%.1f MB per input MB), +%4d MB heap after GC (%.1f per MB), wall x%.2f\n",
               in_[NR-1], in_[NR], rss[NR] - rss[NR-1], (rss[NR] - rss[NR-1]) / (in_[NR] - in_[NR-1]),
               live[NR] - live[NR-1], (live[NR] - live[NR-1]) / (in_[NR] - in_[NR-1]), wall[NR] / wall[NR-1] }
    END {
      gi = in_[NR] / in_[1]; gr = rss[NR] / rss[1]; gl = live[NR] / live[1]
      printf "growth %.1f MB -> %.1f MB: input x%.2f, peak RSS x%.2f (ratio %.2f), heap after GC x%.2f (ratio %.2f)\n",
             in_[1], in_[NR], gi, gr, gr / gi, gl, gl / gi
      # linear: memory grows by no larger factor than the input (10% slack for GC timing)
      printf "target (memory grows no more than linearly with input): %s\n", (gl <= gi * 1.1 && gr <= gi * 1.1) ? "HOLDS" : "MISSED"
    }'
  echo "work dir: $work"
  exit 0
fi

size_mb="$(du -sm "$work/cdk.out" | cut -f1)"
echo "== cxscan template benchmark: $stacks stacks x $resources resources (${size_mb} MB), $runs runs each"
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
measure whole-cdk.out ./cxscan template "${whole[@]}" --format json --out "$work/out-all"
measure one-stack ./cxscan template "$one" --format json --out "$work/out-one"
findings="$(grep -c '"check"' "$work/out-all/results.json" || true)"
echo "   (whole cdk.out: $findings findings in results.json; exit code as scanned: $(./cxscan template "${whole[@]}" --format json --out "$work/out-all" -q >/dev/null 2>&1; echo $?))"
if [[ -n "$cfnlint" ]]; then
  measure cfn-lint-one-stack "$cfnlint" "$one"
  awk -v a="$(cat "$work/one-stack.median")" -v w="$(cat "$work/whole-cdk.out.median")" -v c="$(cat "$work/cfn-lint-one-stack.median")" \
    'BEGIN { printf "ratio cxscan/cfn-lint, one stack: %.2f   (cxscan whole cdk.out / cfn-lint one stack: %.2f)\n", a / c, w / c }'
else
  echo "cfn-lint not found: no ratio"
fi
echo "targets: whole cdk.out < 2 s, one stack < 1 s, peak RSS < 512 MB"
echo "work dir: $work"
