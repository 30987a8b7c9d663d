#!/usr/bin/env bash
# Start-up: the time from starting the plugin's JVM (`java -jar`) until /healthz answers 200 (it serves), and until
# /readyz answers 200 (its pool of POOL sandboxes is built; Docker.PoolBuildParallelism 2, nothing preloaded), RUNS
# times; each run stops the plugin with SIGTERM, which removes its pool.
#
#   bench/startup.sh [RUNS] [POOL]      defaults: 3 runs, a pool of 4
#
# Ends with one summary line (median).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly RUNS="${1:-3}"
readonly POOL="${2:-4}"

bench_init startup
plugin_config "${WORK}/config.yaml" "${POOL}"
bench_client startup "${JAR}" "${WORK}/config.yaml" "${RUNS}" startup

healthz="$(rounded "$(figure startup.healthz.p50)")"
readyz="$(rounded "$(figure startup.readyz.p50)")"
results_begin
result_row "start-up: JVM start → \`/healthz\` 200 (median of ${RUNS})" "${healthz} ms" "" "" "none"
result_row "start-up: JVM start → \`/readyz\` 200, pool of ${POOL} built (median of ${RUNS})" "${readyz} ms" "" "" "none"
summary "healthz ${healthz} ms, readyz ${readyz} ms with a pool of ${POOL} ($(ratio "${readyz}" "${healthz}")x healthz)"
