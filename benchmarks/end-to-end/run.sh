#!/usr/bin/env bash
# End-to-end comparison of the sample app with the plain Spring Boot app a team would write instead, on the same
# endpoints, with the plain-spring load harness (wrk, a throwaway PostgreSQL 15, 5 tenants x 2,000 contacts).
# Runs plain and sample interleaved, RUNS times each, then prints the medians and the sample/plain ratios.
#
#   sudo HARNESS=/path/to/plain-spring benchmarks/end-to-end/run.sh            # 3 runs each, ~25 minutes
#
#   HARNESS      the plain-spring harness folder (required; copied to a scratch folder, never written to)
#   RUNS         runs per application (default 3)
#   SAMPLE_JAR   the sample's jar (default sample-app/target/sample-app.jar; build it first:
#                ./mvnw -pl sample-app -am package -DskipTests)
#   HELLO_PATH   the sample's trivial endpoint (default /, which answers {"status":"ok"} like plain's /hello)
#   JAVA         the JVM for both applications (default java)
#   OUT          where the results files and the summary go (default benchmarks/end-to-end/results/<UTC time>)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
HARNESS=${HARNESS:?set HARNESS to the plain-spring load harness folder}
RUNS=${RUNS:-3}
SAMPLE_JAR=$(realpath "${SAMPLE_JAR:-$ROOT/sample-app/target/sample-app.jar}")
OUT=${OUT:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}
SAMPLE_HELLO_PATH=${HELLO_PATH:-/}
unset HELLO_PATH
[ -f "$SAMPLE_JAR" ] || { echo "no sample jar at $SAMPLE_JAR: ./mvnw -pl sample-app -am package -DskipTests" >&2; exit 1; }

WORK=$(mktemp -d /tmp/end-to-end.XXXXXX)
cp -r "$HARNESS"/. "$WORK"/
# The sample variant fixes its trivial path to the health alias; let HELLO_PATH choose it (GET / by default).
sed -i 's|^export HELLO_PATH=/api/v1/public/health |export HELLO_PATH=${HELLO_PATH:-/api/v1/public/health} |' \
  "$WORK/load-sample.sh"
mkdir -p "$OUT"
# The sample encrypts contacts' e-mail and phone: it needs a master key, which only its dev services generate, and
# they are off under the harness. One key per run of this script, passed through the environment.
export FOUNDATION_CRYPTO_MASTERKEYS_0_ID=bench
FOUNDATION_CRYPTO_MASTERKEYS_0_KEY=$(head -c 32 /dev/urandom | base64)
export FOUNDATION_CRYPTO_MASTERKEYS_0_KEY
# The harness seeds 2,000 contacts per tenant through the API, more than the sample's per-tenant write limit
# (600/min) admits; raise that limit rather than switch rate limiting off, so its check stays on every request.
# A list from the environment replaces the configuration file's whole list, so the rule is given whole.
export FOUNDATION_RATELIMIT_RULES_0_NAME=contact-writes FOUNDATION_RATELIMIT_RULES_0_MATCH='/api/v1/contacts/**' \
  FOUNDATION_RATELIMIT_RULES_0_METHODS=POST,PUT,PATCH,DELETE FOUNDATION_RATELIMIT_RULES_0_PER=tenant \
  FOUNDATION_RATELIMIT_RULES_0_LIMIT=1000000/1m
for i in $(seq "$RUNS"); do
  echo "[end-to-end] run $i/$RUNS: plain" >&2
  RESULTS="$OUT/plain-$i.txt" "$WORK/load.sh" > "$OUT/plain-$i.log" 2>&1
  echo "[end-to-end] run $i/$RUNS: sample" >&2
  HELLO_PATH=$SAMPLE_HELLO_PATH RESULTS="$OUT/sample-$i.txt" SAMPLE_JAR="$SAMPLE_JAR" "$WORK/load-sample.sh" > "$OUT/sample-$i.log" 2>&1
done
python3 "$HERE/summary.py" "$OUT" | tee "$OUT/summary.txt"
rm -rf "$WORK"
