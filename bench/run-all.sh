#!/usr/bin/env bash
# Runs the whole bench suite, one script after the other (about 12 minutes on the 2-core development machine):
#
#   bench/run-all.sh [--update-readme]
#
# create-latency, status-scale (with the footprint on the same 200 pods), throughput and startup, each with its
# defaults. Then writes bench/results/latest.md (machine, date, command, duration, the README's table rows and every
# summary line), draws docs/status-latency.png from bench/results/status-latency.csv, and prints latest.md.
# --update-readme also puts latest.md into README.md, between its bench-results markers.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

UPDATE_README=false
case "${1:-}" in
    "") ;;
    --update-readme) UPDATE_README=true ;;
    *) echo "usage: $0 [--update-readme]" >&2; exit 2 ;;
esac

readonly BENCHES=(create-latency status-scale footprint throughput startup)
readonly STARTED="$(date +%s)"

rm -rf "${PARTS_DIR}"
"${BENCH_DIR}/create-latency.sh"
"${BENCH_DIR}/status-scale.sh" --with-footprint
"${BENCH_DIR}/throughput.sh"
"${BENCH_DIR}/startup.sh"
readonly MINUTES="$(( ($(date +%s) - STARTED + 59) / 60 ))"
readonly DATE="$(date -u +%F)"

{
    echo "Measured on ${DATE} by \`bench/run-all.sh\` in ${MINUTES} minutes, on $(machine)," \
        "$(lscpu | awk -F': *' '/^Model name/ {print $2}')."
    echo
    echo "| benchmark | this plugin | baseline, same machine | ratio | goal |"
    echo "|---|---|---|---|---|"
    for bench in "${BENCHES[@]}"; do cat "${PARTS_DIR}/${bench}.md"; done
    echo
    echo '```'
    for bench in "${BENCHES[@]}"; do cat "${PARTS_DIR}/${bench}.summary"; done
    echo '```'
} >"${RESULTS_DIR}/latest.md"

java "${BENCH_DIR}/PlotStatusLatency.java" "${RESULTS_DIR}/status-latency.csv" "${ROOT}/docs/status-latency.png" "${DATE}"
echo
cat "${RESULTS_DIR}/latest.md"

if [[ "${UPDATE_README}" == true ]]; then
    if ! grep -q '<!-- bench-results:begin -->' "${ROOT}/README.md" || ! grep -q '<!-- bench-results:end -->' "${ROOT}/README.md"; then
        echo "README.md lacks the bench-results markers; not updated" >&2
        exit 1
    fi
    awk -v results="${RESULTS_DIR}/latest.md" '
        /<!-- bench-results:end -->/ { while ((getline line < results) > 0) print line; skip = 0 }
        !skip { print }
        /<!-- bench-results:begin -->/ { skip = 1 }' "${ROOT}/README.md" >"${ROOT}/README.md.new"
    mv "${ROOT}/README.md.new" "${ROOT}/README.md"
    echo "README.md: Performance table updated"
fi
