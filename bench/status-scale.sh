#!/usr/bin/env bash
# /status latency and Docker calls per request for 1, 50 and 200 live pods of 2 containers each, against the Go
# plugin's status method on the same pods:
#
#   bench/status-scale.sh [--with-footprint] [LEVELS] [REQUESTS] [GO_SAMPLES]
#                                                  defaults: "1 50 200", 500 requests, 30 pods timed the Go way
#
# The plugin runs with a pool of 4; the pods are created at once, level after level (1, then 49 more, then 150 more),
# and all run before a level is measured. At each level:
#   - the bench client sends, after a warm-up, REQUESTS /status requests whose body lists every live pod (as the
#     virtual kubelet sends them), then as many for one pod: p50 and p99;
#   - Docker calls per request: the growth of interlink_docker_calls_total (summed over its label sets, from
#     /metrics) in each of 10 windows of the all-pods load, the fewest divided by the window's requests: the
#     plugin's background work calls Docker meanwhile (the reconcile inspects every running container every 30 s),
#     and one window without growth shows that the requests made none. "n/a (no /metrics)" while /metrics answers
#     404;
#   - the Go plugin's method (docker inspect of the sandbox, then one `docker exec <sandbox> docker ps -af name=...`
#     per container, one after the other): GO_SAMPLES pods are timed and a request for all pods is estimated by the
#     bootstrap (bench/BenchClient.java, GoStatusMethod, says how).
# Before each level the script checks that the new pods fit in the machine's available memory (at lib.sh's
# ESTIMATED_MIB_PER_POD, keeping RESERVE_MIB free); a level that does not fit is capped, and says so.
# --with-footprint also measures the footprint on the same pods (as bench/footprint.sh does; run-all uses it).
#
# Writes bench/results/status-latency.csv (for bench/PlotStatusLatency.java) and ends with one summary line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WITH_FOOTPRINT=false
[[ "${1:-}" == --with-footprint ]] && { WITH_FOOTPRINT=true; shift; }
readonly LEVELS="${1:-1 50 200}"
readonly REQUESTS="${2:-500}"
readonly GO_SAMPLES="${3:-30}"
readonly CONTAINERS=2
readonly POOL=4
readonly CSV_HEADER="pods,p50_ms,p99_ms,one_pod_p50_ms,one_pod_p99_ms,go_p50_ms,go_p99_ms,docker_calls_per_request"

bench_init status-scale
plugin_start "${POOL}" "${IMAGE}"
await_endpoint /readyz
[[ "${WITH_FOOTPRINT}" == true ]] && footprint_idle

csv="${WORK}/status-latency.csv"
echo "${CSV_HEADER}" >"${csv}"
live=0
levels_done=()
for wanted in ${LEVELS}; do
    level="$(pods_that_fit "${wanted}" "${live}" "${ESTIMATED_MIB_PER_POD}")"
    if (( level < wanted )); then
        echo "level ${wanted} capped at ${level} pods: $(available_mib) MiB available, ${ESTIMATED_MIB_PER_POD} MiB a pod," \
            "${RESERVE_MIB} MiB kept free"
    fi
    (( level > live )) || { echo "no room for more pods: level ${wanted} skipped"; continue; }
    bench_client create-all "${PLUGIN_URL}" "$(( level - live ))" "${CONTAINERS}" "${IMAGE}" "create-${level}"
    live="${level}"
    bench_client status-load "${PLUGIN_URL}" "${REQUESTS}" 100 "pods-${level}"
    bench_client go-status "${DATA_ROOT}" "${GO_SAMPLES}" "pods-${level}"
    echo "${level},$(figure "pods-${level}.all.p50"),$(figure "pods-${level}.all.p99"),$(figure "pods-${level}.one.p50")\
,$(figure "pods-${level}.one.p99"),$(figure "pods-${level}.go.p50"),$(figure "pods-${level}.go.p99")\
,$(figure "pods-${level}.calls")" >>"${csv}"
    levels_done+=("${level}")
done
(( ${#levels_done[@]} > 0 )) || { echo "no level could be measured" >&2; exit 1; }
[[ "${WITH_FOOTPRINT}" == true ]] && footprint_loaded "${live}"
cp "${csv}" "${RESULTS_DIR}/status-latency.csv"

top="${levels_done[-1]}"
results_begin
for level in "${levels_done[@]}"; do
    key="pods-${level}"
    calls="$(figure "${key}.calls")"
    goal=none
    [[ "${level}" == "${top}" ]] && goal="p99 < 20 ms: $(met_if_at_most "$(figure "${key}.all.p99")" 20); 0 Docker calls:\
 $(met_if_at_most "${calls}" 0)"
    result_row "\`/status\` for ${level} live pod(s) × ${CONTAINERS} containers, in one request (p50 / p99)" \
        "$(rounded "$(figure "${key}.all.p50")" 2) / $(rounded "$(figure "${key}.all.p99")" 2) ms, ${calls} Docker calls" \
        "Go method: $(rounded "$(figure "${key}.go.p50")") / $(rounded "$(figure "${key}.go.p99")") ms,\
 $(( $(figure "${key}.go.calls") * level )) Docker CLI calls" \
        "1/$(rounded "$(ratio "$(figure "${key}.go.p99")" "$(figure "${key}.all.p99")")")× (p99)" "${goal}"
done
p99s="$(for level in "${levels_done[@]}"; do
    printf '%s ms at %s pods, ' "$(rounded "$(figure "pods-${level}.all.p99")" 2)" "${level}"; done)"
summary "p99 ${p99s}Docker calls/request $(figure "pods-${top}.calls"), Go method" \
    "$(rounded "$(ratio "$(figure "pods-${top}.go.p99")" "$(figure "pods-${top}.all.p99")")")x slower at ${top} pods (p99)"
