#!/usr/bin/env bash
# Account scan benchmark (issue 4 "Scale"; not part of mvn verify): starts moto_server (localstack/start on a
# free port), seeds a large account over 4 regions (2,000 security groups, 500 roles with an inline and a
# managed policy, 300 buckets, 100 DB instances at SCALE=1), scans it with --concurrency 1 and with the default
# (8) in the same JVM, and prints API calls per resource per service, both wall times and their ratio, and peak
# memory; then stops the emulator. Usage: [SCALE=0.5] bench/run-account-bench.sh
# LARGE=N (issue 7, "Limits, measured"): after seeding, N more security groups are served by a loopback front
# in EC2's wire format (BulkSecurityGroupFront: seeding 25,000 resources into moto one call at a time takes
# minutes), and one `cxscan account` scan runs through the ./cxscan launcher (its JVM flags, -Xmx1g): resources, API calls, wall time,
# peak RSS and heap high-water (LARGE_XMX=700m sets another heap cap). LARGE=22000 with SCALE=1, or LARGE=24400
# with SCALE=0.2, makes an account of about 25,000 resources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scale="${SCALE:-1}"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export CXSCAN_EMULATOR_PORT="$port"

echo "bench: building (jar, test classes)" >&2
./cxscan --version >/dev/null
mvn -B -q -o test-compile -pl scanner -am >&2 || mvn -B -q test-compile -pl scanner -am >&2
cp="scanner/target/test-classes:scanner/target/cxscan.jar"

localstack/start >&2
trap 'localstack/stop >&2' EXIT
java -Xmx1g -Dcxscan.bench.xmx="${LARGE_XMX:-1g}" -cp "$cp" dev.cxscan.scanner.bench.AccountScanBenchmark "http://127.0.0.1:$port" "$scale" "${LARGE:-0}"
