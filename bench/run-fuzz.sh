#!/usr/bin/env bash
# Template loader fuzzing for longer than mvn verify's 30 s per fuzz test: Jazzer's fuzzing mode on one
# fuzz test of cdk-checks' TemplateLoaderFuzzTest, in a surefire JVM with the launcher's 1 GB heap cap.
# Usage: bench/run-fuzz.sh [bytes|structured] [DURATION]   (default: bytes 10m; DURATION as 90s, 10m, 2h)
#   bytes       loaderNeverEscapes: libFuzzer mutates the bytes of the conformance and hostile templates
#   structured  structuredMutationsNeverEscape: deep nesting, aliases, tags, intrinsics of any shape, ...
# libFuzzer's progress (execs, cov, corp) goes to stderr; inputs that add coverage are kept in
# cdk-checks/.cifuzz-corpus/ (not committed; the next run starts from them). A finding fails the run and
# its input is written to cdk-checks/src/test/resources/dev/cxscan/checks/template/TemplateLoaderFuzzTestInputs/
# <test>/crash-*: fix the loader, then commit the input, which mvn verify replays from then on.
# MVN_FLAGS adds Maven options (e.g. MVN_FLAGS=-o offline).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-bytes}" in
  bytes) method=loaderNeverEscapes ;;
  structured) method=structuredMutationsNeverEscape ;;
  *) echo "usage: bench/run-fuzz.sh [bytes|structured] [DURATION]" >&2; exit 2 ;;
esac
duration="${2:-10m}"

# -Dtest turns the pom's fuzz profile off, so the default surefire execution runs this one test, fuzzing
# because of JAZZER_FUZZ; the instrumented packages are the profile's (the parsers count for coverage too)
JAZZER_FUZZ=1 mvn -B -q ${MVN_FLAGS:-} verify -pl cdk-checks -am \
  -Dtest="TemplateLoaderFuzzTest#$method" -Dsurefire.failIfNoSpecifiedTests=false \
  -Djazzer.max_duration="$duration" \
  -Djazzer.instrument='dev.cxscan.**,com.fasterxml.jackson.**,org.yaml.snakeyaml.**' \
  -DargLine=-Xmx1g
