#!/usr/bin/env bash
# Throughput: PODS busybox pods created at once on a plugin with a pool of POOL sandboxes (the image preloaded into
# them), timed from the first POST /create until /status says every pod runs; against PODS `docker run -d` of the same
# image one after the other on the host engine, timed until the last returns.
#
#   bench/throughput.sh [PODS] [POOL]      defaults: 50 pods, a pool of 4
#
# The pool holds POOL sandboxes; the other pods get sandboxes built for them, Docker.PodStarters (8) at a time.
# Ends with one summary line: the ratio of the two times.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly PODS="${1:-50}"
readonly POOL="${2:-4}"

bench_init throughput
bench_client docker-run "${PODS}" "${IMAGE}" docker-run
plugin_start "${POOL}" "${IMAGE}"
await_endpoint /readyz
bench_client create-all "${PLUGIN_URL}" "${PODS}" 1 "${IMAGE}" all-running
plugin_stop

ours="$(rounded "$(awk -v ms="$(figure all-running)" 'BEGIN { print ms / 1000 }')" 1)"
docker_s="$(rounded "$(awk -v ms="$(figure docker-run.total)" 'BEGIN { print ms / 1000 }')" 1)"
results_begin
result_row "throughput: ${PODS} pods created at once, pool of ${POOL}, until all run" "${ours} s" \
    "${PODS} × \`docker run -d\` one after the other: ${docker_s} s" \
    "$(ratio "$(figure all-running)" "$(figure docker-run.total)")×" "none"
summary "${PODS} pods at once on a pool of ${POOL}: $(ratio "$(figure all-running)" "$(figure docker-run.total)")x" \
    "${PODS} sequential docker run -d (${ours} s vs ${docker_s} s)"
