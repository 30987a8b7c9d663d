#!/usr/bin/env bash
# Time from POST /create until /status says the container runs, for a busybox pod, one pod at a time:
#
#   bench/create-latency.sh [RUNS] [POOL]      defaults: 20 pods a case, a pool of 2 sandboxes
#
#   warm, preloaded  each create finds a ready sandbox (the client waits for /readyz before it) that has the image
#                    (Docker.PreloadImages); against `docker run -d` of the same image straight on the host engine.
#   warm, moved      the same without preloading, so the image is moved from the host engine into the sandbox;
#                    against `docker save IMAGE | docker -H unix://<inner socket> load` into a fresh pool sandbox of
#                    the same plugin. That pipe is the fairest CLI twin of what the plugin does: both stream the
#                    host engine's save into the inner engine's load through its socket on the host; `docker exec -i
#                    <sandbox> docker load` would add an exec session and a CLI inside the sandbox.
#   no pool          AVAILABLEDINDS=0: every pod builds its own sandbox (for reference; no goal).
#
# Prints median and p95 of each case and every sample in milliseconds, and last one summary line of ratios (median /
# p95). Needs a Docker engine, the images of scripts/build-test-images.sh and the jar of `mvn package`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly RUNS="${1:-20}"
readonly POOL="${2:-2}"

# Ratios of case $1 against baseline $2, median and p95, with the sign $3: "1.23x / 1.40x".
ratios() {
    echo "$(ratio "$(figure "$1.p50")" "$(figure "$2.p50")")$3 / $(ratio "$(figure "$1.p95")" "$(figure "$2.p95")")$3"
}

# "224 / 293 ms" for case $1.
median_p95() {
    echo "$(rounded "$(figure "$1.p50")") / $(rounded "$(figure "$1.p95")") ms"
}

# Whether both ratios of $1 against $2 are at most $3.
goal() {
    met_if_at_most "$(awk -v a="$(ratio "$(figure "$1.p50")" "$(figure "$2.p50")")" \
        -v b="$(ratio "$(figure "$1.p95")" "$(figure "$2.p95")")" 'BEGIN { print (a > b ? a : b) }')" "$3"
}

bench_init create-latency

bench_client docker-run "${RUNS}" "${IMAGE}" docker-run

plugin_start "${POOL}" "${IMAGE}"
bench_client create-latency "${PLUGIN_URL}" "${RUNS}" "${IMAGE}" warm-preloaded
plugin_stop

plugin_start "${POOL}"
bench_client create-latency "${PLUGIN_URL}" "${RUNS}" "${IMAGE}" warm-moved
bench_client move-time "${PLUGIN_URL}" warm-moved
await_endpoint /readyz
fresh_sandbox="$(sandboxes unclaimed | head -n 1 | cut -d ' ' -f 1)"
bench_client save-load "${RUNS}" "${IMAGE}" "${DATA_ROOT}/sandboxes/${fresh_sandbox}/docker.sock" save-load
plugin_stop

plugin_start 0
bench_client create-latency "${PLUGIN_URL}" "${RUNS}" "${IMAGE}" no-pool
plugin_stop

results_begin
result_row "create → running, warm pool, image preloaded ($RUNS pods, median / p95)" "$(median_p95 warm-preloaded)" \
    "\`docker run -d\`: $(median_p95 docker-run)" "$(ratios warm-preloaded docker-run ×)" \
    "≤ 1.5×: $(goal warm-preloaded docker-run 1.5)"
result_row "create → running, warm pool, image moved from the host" "$(median_p95 warm-moved)" \
    "\`docker save \\| docker load\`: $(median_p95 save-load)" "$(ratios warm-moved save-load ×)" \
    "≤ 1×: $(goal warm-moved save-load 1)"
result_row "the image move alone, in those creates (mean, from \`/metrics\`)" \
    "$(rounded "$(figure warm-moved.move)") ms" "\`docker save \\| docker load\`: $(rounded "$(figure save-load.p50)") ms (median)" \
    "$(ratio "$(figure warm-moved.move)" "$(figure save-load.p50)")×" "≤ 1×: $(met_if_at_most "$(ratio "$(figure warm-moved.move)" "$(figure save-load.p50)")" 1)"
result_row "create → running, no pool (sandbox built at create)" "$(median_p95 no-pool)" \
    "\`docker run -d\`: $(median_p95 docker-run)" "$(ratios no-pool docker-run ×)" "none"
summary "warm $(ratios warm-preloaded docker-run x) docker-run, moved $(ratios warm-moved save-load x) save|load" \
    "(the move alone $(ratio "$(figure warm-moved.move)" "$(figure save-load.p50)")x)," \
    "no pool $(ratios no-pool docker-run x) docker-run (median / p95)"
