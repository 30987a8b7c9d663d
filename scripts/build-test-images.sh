#!/usr/bin/env bash
# Builds the images the tests use, with no registry:
#
#   interlink-jvm/busybox:local   busybox-static with its applets (sh, echo, sleep, cat, ls, env, true, false, ...)
#   interlink-jvm/dind:local      Docker-in-Docker from this host's Docker (scripts/build-dind-image.sh)
#   interlink-jvm/registry:local  a Docker registry (Debian's docker-registry) on port 5000 that asks for the
#                                 test user 'interlink' with the password 'pull-secret-test' (htpasswd, bcrypt)
#
#   scripts/build-test-images.sh [--force]
#
# An image that is already present is kept, unless --force is given.
set -euo pipefail

readonly BUSYBOX_TAG="interlink-jvm/busybox:local"
readonly DIND_TAG="interlink-jvm/dind:local"
readonly REGISTRY_TAG="interlink-jvm/registry:local"
# bcrypt of the test password 'pull-secret-test'; only ever used by the tests' throwaway registry.
readonly REGISTRY_HTPASSWD='interlink:$2b$10$jEJ8zzViH.BRe5dIbGMv8ONSu22gHRE8NyAa2IXbKFlBxdhG5HaWO'
readonly SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

fail() {
    echo "build-test-images: $*" >&2
    exit 1
}

FORCE=false
case "${1:-}" in
    "") ;;
    --force) FORCE=true ;;
    *) fail "unknown argument '$1'; usage: $0 [--force]" ;;
esac

command -v docker >/dev/null || fail "'docker' (the CLI) not found on PATH; install Docker Engine (apt-get install docker.io)"
docker info >/dev/null 2>&1 || fail "no Docker engine answers; start one (dockerd > /var/log/dockerd.log 2>&1 &) and retry"

needed() {
    [[ "${FORCE}" == true ]] || ! docker image inspect "$1" >/dev/null 2>&1
}

# Imports the folder $1 as image $2 (made from $3), with the further `docker import` options given, and drops the
# image that the tag named before.
import_tree() {
    local root="$1" tag="$2" what="$3" previous_id
    shift 3
    previous_id="$(docker image inspect --format '{{ .Id }}' "${tag}" 2>/dev/null || true)"
    tar -C "${root}" -c . | docker import "$@" -m "${what} built by build-test-images.sh" - "${tag}" >/dev/null
    if [[ -n "${previous_id}" && "${previous_id}" != "$(docker image inspect --format '{{ .Id }}' "${tag}")" ]]; then
        docker image rm "${previous_id}" >/dev/null 2>&1 || true
    fi
    echo "build-test-images: built ${tag}"
}

build_busybox() {
    local busybox root applet
    busybox="$(command -v busybox || true)"
    [[ -n "${busybox}" ]] || fail "'busybox' not found; install busybox-static (apt-get install busybox-static)"
    if ldd "${busybox}" >/dev/null 2>&1; then
        fail "${busybox} is linked dynamically; install busybox-static (apt-get install busybox-static)"
    fi
    root="$(mktemp -d)"
    trap 'rm -rf "${root}"' RETURN
    mkdir -p "${root}/bin" "${root}/etc" "${root}/tmp" "${root}/proc" "${root}/sys" "${root}/dev"
    chmod 1777 "${root}/tmp"
    install -m 0755 "${busybox}" "${root}/bin/busybox"
    for applet in $("${busybox}" --list); do
        [[ -e "${root}/bin/${applet}" ]] || ln -s busybox "${root}/bin/${applet}"
    done
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"${root}/etc/passwd"
    printf 'root:x:0:\n' >"${root}/etc/group"
    import_tree "${root}" "${BUSYBOX_TAG}" "busybox-static" -c 'ENV PATH=/bin' -c 'CMD ["sh"]'
}

build_registry() {
    local registry root library
    registry="$(command -v docker-registry || true)"
    [[ -n "${registry}" ]] || fail "'docker-registry' not found; install it (apt-get install docker-registry)"
    root="$(mktemp -d)"
    trap 'rm -rf "${root}"' RETURN
    mkdir -p "${root}/bin" "${root}/etc/docker/registry" "${root}/var/lib/registry" "${root}/tmp"
    chmod 1777 "${root}/tmp"
    install -m 0755 "${registry}" "${root}/bin/registry"
    for library in $(ldd "${registry}" | grep -o '/[^ ]*'); do
        mkdir -p "${root}$(dirname "${library}")"
        cp -L "${library}" "${root}${library}"
    done
    cat >"${root}/etc/docker/registry/config.yml" <<'CONFIG'
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
auth:
  htpasswd:
    realm: interlink-jvm-tests
    path: /etc/docker/registry/htpasswd
CONFIG
    printf '%s\n' "${REGISTRY_HTPASSWD}" >"${root}/etc/docker/registry/htpasswd"
    import_tree "${root}" "${REGISTRY_TAG}" "docker-registry" \
        -c 'ENTRYPOINT ["/bin/registry", "serve", "/etc/docker/registry/config.yml"]' -c 'EXPOSE 5000'
}

if needed "${BUSYBOX_TAG}"; then
    build_busybox
else
    echo "build-test-images: ${BUSYBOX_TAG} is present (use --force to rebuild)"
fi

if needed "${DIND_TAG}"; then
    "${SCRIPTS}/build-dind-image.sh" "${DIND_TAG}"
else
    echo "build-test-images: ${DIND_TAG} is present (use --force to rebuild)"
fi

if needed "${REGISTRY_TAG}"; then
    build_registry
else
    echo "build-test-images: ${REGISTRY_TAG} is present (use --force to rebuild)"
fi
