#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine: installs docker.io, busybox-static and docker-registry (for the
# tests' registry image) with apt-get when they are missing (Debian/Ubuntu, as root), and starts dockerd when
# `docker info` fails.
set -euo pipefail

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
dpkg -s docker-registry >/dev/null 2>&1 || missing+=(docker-registry)

if [ ${#missing[@]} -gt 0 ]; then
  echo "start-docker: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if docker info >/dev/null 2>&1; then
  echo "start-docker: engine already running ($(docker version --format '{{.Server.Version}}'))"
  exit 0
fi

echo "start-docker: starting dockerd (log: /var/log/dockerd.log)"
nohup dockerd >/var/log/dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "start-docker: engine running ($(docker version --format '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 1
done
echo "start-docker: dockerd did not answer within 60 s; its log ends with:" >&2
tail -n 30 /var/log/dockerd.log >&2
exit 1
