#!/usr/bin/env bash
# Footprint: the plugin JVM's RSS (VmRSS) with its pool of 4 full and no pod, and with PODS pods of 2 busybox
# containers; the memory of a sandbox's inner engine (`docker stats` of the sandbox container: dockerd and containerd,
# the pod's containers have cgroups of their own) for pool sandboxes without pods and for sandboxes with a pod; and
# the machine's memory per pod, all in (the drop of MemAvailable; noisy when others use the machine). In MiB.
#
#   bench/footprint.sh [PODS]      default: 200 pods, fewer when they would not fit in the available memory
#
# bench/run-all.sh does not run this script: it measures the same on the pods of bench/status-scale.sh
# (--with-footprint), to save building 200 sandboxes twice. Ends with one summary line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly PODS="${1:-200}"

bench_init footprint
plugin_start 4 "${IMAGE}"
await_endpoint /readyz
footprint_idle
pods="$(pods_that_fit "${PODS}" 0 "${ESTIMATED_MIB_PER_POD}")"
(( pods < PODS )) && echo "capped at ${pods} pods: $(available_mib) MiB available, ${RESERVE_MIB} MiB kept free"
bench_client create-all "${PLUGIN_URL}" "${pods}" 2 "${IMAGE}" all-running
footprint_loaded "${pods}"
