#!/usr/bin/env bash
# Report formats benchmark (issue 15; not part of mvn verify): on the 50-stack x 500-resource cdk.out of
# run-template-bench.sh, times `cxscan template` with its default formats, with --format json, with the
# evidence bundle alone and with the auditor's set (text,json,html,evidence, the account defaults), and prints
# per run: median wall, CPU (user+sys), peak RSS, and the files and bytes written to --out.
# OLD_JAR=path/to/cxscan.jar adds the same runs for an older build (e.g. built in `git worktree add /tmp/oldjar
# <commit>`), both jars then started the same way (java -jar with the launcher's flags, no CDS archive).
# Usage: bench/run-formats-bench.sh [WORK_DIR]   (RUNS=3, STACKS=50, RESOURCES=500)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs="${RUNS:-3}"
stacks="${STACKS:-50}"
resources="${RESOURCES:-500}"
work="${1:-$(mktemp -d -t cxscan-formats.XXXXXX)}"
mkdir -p "$work"
timer=/usr/bin/time
[[ -x "$timer" ]] || { echo "bench: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }

echo "bench: building (jar, test classes)" >&2
./cxscan --version >/dev/null
mvn -B -q -o test-compile -pl scanner -am >&2 || mvn -B -q test-compile -pl scanner -am >&2
cp="scanner/target/test-classes:scanner/target/cxscan.jar"
input="$work/cdk.out"
[[ -d "$input" ]] || java -cp "$cp" dev.cxscan.scanner.bench.TemplateScanBenchmark "$input" "$stacks" "$resources"

# measure LABEL OUT CMD...: median wall and CPU of RUNS runs, peak RSS, files and bytes in OUT after the last run
measure() {
  local label="$1" out="$2"; shift 2
  local walls=() cpus=() rss=0 i w m u s
  for ((i = 0; i < runs; i++)); do
    rm -rf "$out"
    "$timer" -f '%e %M %U %S' -o "$work/time.txt" "$@" --out "$out" -q >/dev/null 2>"$work/stderr.txt" || true
    read -r w m u s < <(tail -1 "$work/time.txt")
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')")
    (( m > rss )) && rss=$m
  done
  local median cpu files bytes
  median="$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  cpu="$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  files="$(find "$out" -type f | wc -l)"
  bytes="$(du -sb "$out" | cut -f1)"
  printf '%-34s wall %6.2f s  cpu %6.2f s  peak RSS %4d MB  %6d files %7.1f MB' "$label" "$median" "$cpu" \
    $((rss / 1024)) "$files" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')"
  if [[ -f "$out/evidence.zip" ]]; then
    printf '  (evidence/: %d files %.1f MB, evidence.zip %.1f MB)' "$(find "$out/evidence" -type f | wc -l)" \
      "$(du -sb "$out/evidence" | awk '{ print $1 / 1e6 }')" "$(stat -c %s "$out/evidence.zip" | awk '{ print $1 / 1e6 }')"
  fi
  printf '\n'
}

echo "== cxscan template formats: $stacks stacks x $resources resources ($(du -sb "$input" | awk '{ printf "%.1f", $1 / 1e6 }') MB of templates), median of $runs runs"
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
measure "default formats" "$work/o-default" ./cxscan template "$input"
measure "--format json" "$work/o-json" ./cxscan template "$input" --format json
measure "--format evidence" "$work/o-evidence" ./cxscan template "$input" --format evidence
measure "--format text,json,html,evidence" "$work/o-auditor" ./cxscan template "$input" --format text,json,html,evidence
if [[ -n "${OLD_JAR:-}" ]]; then
  flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g)
  echo "== old jar $OLD_JAR vs this build, both java -jar without CDS"
  measure "old: default formats" "$work/old-default" java "${flags[@]}" -jar "$OLD_JAR" template "$input"
  measure "old: --format evidence" "$work/old-evidence" java "${flags[@]}" -jar "$OLD_JAR" template "$input" --format evidence
  measure "new: default formats" "$work/new-default" java "${flags[@]}" -jar scanner/target/cxscan.jar template "$input"
  measure "new: --format evidence" "$work/new-evidence" java "${flags[@]}" -jar scanner/target/cxscan.jar template "$input" --format evidence
fi
echo "targets: default formats < 3 s; evidence bundle < 1,000 files, < 40 MB (zip), written in < 3 s"
echo "work dir: $work"
