#!/usr/bin/env bash
# Template scan benchmark (not part of mvn verify): generates a cdk.out of 50 stacks x 500 resources
# (CDK-shaped: buckets, keys, roles and policies, functions, security groups, subnets, log groups,
# alarms, queues, topics, tables), then times whole processes: the launcher on the whole assembly,
# the launcher on one stack, and cfn-lint on the same stack. Median wall time of RUNS runs (default 5)
# and peak RSS (GNU time). Usage: bench/run-template-bench.sh [WORK_DIR]
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
rm -rf "$work/cdk.out"
java -cp "$cp" dev.cxscan.scanner.bench.TemplateScanBenchmark "$work/cdk.out" "$stacks" "$resources"
one="$work/cdk.out/Workload01Stack.template.json"

# does this build's loader read cdk.out folders? if not, name the templates (and say so)
whole=("$work/cdk.out")
set +e
./cxscan template "$work/cdk.out" --format json --out "$work/probe" -q >/dev/null 2>"$work/probe.err"
rc=$?
set -e
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
}

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
