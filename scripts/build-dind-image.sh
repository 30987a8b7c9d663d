#!/usr/bin/env bash
# Builds a Docker-in-Docker image from this host's own Docker installation, with no registry.
#
#   scripts/build-dind-image.sh [TAG]        (default tag: interlink-jvm/dind:local)
#
# The image holds dockerd, containerd, containerd-shim-runc-v2, runc, docker-init, docker-proxy, iptables and
# ip6tables (xtables-nft-multi with its modules), the docker CLI, busybox with its applets, and every library they
# load. It has CMD ["dockerd"] and no entrypoint, so it is started exactly like the official docker:dind image:
# with `dockerd <flags>` as the command. Use it where docker:dind cannot be pulled (air-gapped sites, CI).
#
# Idempotent: the image carries a digest of its contents, and an image with the same tag and digest is kept.
set -euo pipefail

readonly TAG="${1:-interlink-jvm/dind:local}"
readonly DIGEST_LABEL="eu.interlink.jvm.dind.content-digest"
readonly XTABLES_MODULES="/usr/lib/x86_64-linux-gnu/xtables"
readonly IMAGE_PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
export PATH="${IMAGE_PATH}:${PATH}"

fail() {
    echo "build-dind-image: $*" >&2
    exit 1
}

declare -A BINARIES=()

# Records the real path of a binary the image needs, or stops with what to install.
require_binary() {
    local name="$1" package="$2" path
    path="$(command -v "${name}" || true)"
    [[ -n "${path}" ]] || fail "'${name}' not found on PATH; install ${package} on this host first"
    BINARIES[${name}]="$(readlink -f "${path}")"
}

# Copies a file to the same path under the root folder, following symlinks.
copy_into_root() {
    local source="$1"
    mkdir -p "${ROOT}$(dirname "${source}")"
    cp -L "${source}" "${ROOT}${source}"
}

# Copies every shared library a binary or module loads, the dynamic loader included.
copy_libraries() {
    local file="$1" library
    # ldd prints "name => /path (addr)", "/path (addr)" for the loader, and nothing useful for static binaries.
    for library in $(ldd "${file}" 2>/dev/null | grep -o '/[^ ]*' || true); do
        [[ -e "${ROOT}${library}" ]] || copy_into_root "${library}"
    done
}

command -v docker >/dev/null || fail "'docker' (the CLI) not found on PATH; install Docker Engine (apt-get install docker.io)"
docker info >/dev/null 2>&1 || fail "no Docker engine answers; start one (dockerd > /var/log/dockerd.log 2>&1 &) and retry"
command -v ldd >/dev/null || fail "'ldd' not found; install libc-bin"
[[ -d "${XTABLES_MODULES}" ]] || fail "${XTABLES_MODULES} not found; install iptables on this host first"

require_binary dockerd 'Docker Engine (apt-get install docker.io)'
require_binary containerd 'containerd (apt-get install containerd)'
require_binary containerd-shim-runc-v2 'containerd (apt-get install containerd)'
require_binary runc 'runc (apt-get install runc)'
require_binary docker-init 'tini (apt-get install tini) or Docker Engine'
require_binary docker-proxy 'Docker Engine (apt-get install docker.io)'
require_binary docker 'the docker CLI (apt-get install docker.io)'
require_binary xtables-nft-multi 'iptables (apt-get install iptables)'
require_binary busybox 'busybox (apt-get install busybox-static)'

ROOT="$(mktemp -d)"
trap 'rm -rf "${ROOT}"' EXIT

# Mirror the host's merged-/usr layout so that library paths printed by ldd are valid inside the image.
mkdir -p "${ROOT}/usr/bin" "${ROOT}/usr/sbin" "${ROOT}/usr/lib" "${ROOT}/usr/lib64" "${ROOT}/usr/local/bin"
for dir in bin sbin lib lib64; do
    if [[ -L "/${dir}" ]]; then
        ln -s "$(readlink "/${dir}")" "${ROOT}/${dir}"
    else
        mkdir -p "${ROOT}/${dir}"
    fi
done
mkdir -p "${ROOT}/etc" "${ROOT}/tmp" "${ROOT}/run" "${ROOT}/var/lib/docker" "${ROOT}/proc" "${ROOT}/sys" "${ROOT}/dev"
chmod 1777 "${ROOT}/tmp"
ln -s ../run "${ROOT}/var/run"

for name in "${!BINARIES[@]}"; do
    install -m 0755 "${BINARIES[${name}]}" "${ROOT}/usr/local/bin/${name}"
    copy_libraries "${BINARIES[${name}]}"
done
ln -s xtables-nft-multi "${ROOT}/usr/local/bin/iptables"
ln -s xtables-nft-multi "${ROOT}/usr/local/bin/ip6tables"

mkdir -p "${ROOT}${XTABLES_MODULES}"
cp -L "${XTABLES_MODULES}"/*.so "${ROOT}${XTABLES_MODULES}/"
for module in "${ROOT}${XTABLES_MODULES}"/*.so; do
    copy_libraries "${module}"
done

# Busybox applets (sh, mount, modprobe, ...) for dockerd's helpers and for debugging inside a sandbox.
for applet in $("${BINARIES[busybox]}" --list); do
    [[ -e "${ROOT}/usr/bin/${applet}" || -e "${ROOT}/usr/local/bin/${applet}" ]] \
        || ln -s /usr/local/bin/busybox "${ROOT}/usr/bin/${applet}"
done

printf 'root:x:0:0:root:/root:/bin/sh\n' >"${ROOT}/etc/passwd"
printf 'root:x:0:\n' >"${ROOT}/etc/group"
printf 'NAME="interlink-jvm dind"\nID=interlink-jvm-dind\n' >"${ROOT}/etc/os-release"
if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
    copy_into_root /etc/ssl/certs/ca-certificates.crt
fi

DIGEST="$(cd "${ROOT}" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64)"
EXISTING="$(docker image inspect --format "{{ index .Config.Labels \"${DIGEST_LABEL}\" }}" "${TAG}" 2>/dev/null || true)"
if [[ "${EXISTING}" == "${DIGEST}" ]]; then
    echo "build-dind-image: ${TAG} is up to date"
    exit 0
fi
PREVIOUS_ID="$(docker image inspect --format '{{ .Id }}' "${TAG}" 2>/dev/null || true)"

tar -C "${ROOT}" -c . | docker import \
    -c "ENV PATH=${IMAGE_PATH}" \
    -c "LABEL ${DIGEST_LABEL}=${DIGEST}" \
    -c 'CMD ["dockerd"]' \
    -m "Docker-in-Docker built from this host's Docker by build-dind-image.sh" \
    - "${TAG}" >/dev/null

if [[ -n "${PREVIOUS_ID}" ]]; then
    # The replaced image is untagged now; keep it only while containers still use it.
    docker image rm "${PREVIOUS_ID}" >/dev/null 2>&1 || true
fi
echo "build-dind-image: built ${TAG} ($(docker image inspect --format '{{ .Size }}' "${TAG}") bytes)"
