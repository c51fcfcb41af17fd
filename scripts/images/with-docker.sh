#!/usr/bin/env bash
# Runs a command with a Docker engine: the one that answers (DOCKER_HOST or the default socket), else a dockerd this
# script starts for the command and stops afterwards. Exit status: the command's; 3 when no engine is installed.
#
#   scripts/images/with-docker.sh COMMAND [ARG...]
set -euo pipefail
log() { printf '[docker] %s\n' "$*" >&2; }

(($#)) || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }
if docker info >/dev/null 2>&1; then
  exec "$@"
fi

dockerd_bin=$(command -v dockerd || true)
if [[ -z "$dockerd_bin" ]]; then
  log "no Docker engine is installed (scripts/bootstrap.sh installs docker.io)"
  exit 3
fi
[[ $(id -u) -eq 0 ]] || { log "starting dockerd needs root"; exit 3; }

state=$(mktemp -d /tmp/depingpu-dockerd.XXXXXX)
log "starting dockerd for this command (log: $state/dockerd.log)"
"$dockerd_bin" --host unix:///var/run/docker.sock --pidfile "$state/dockerd.pid" >"$state/dockerd.log" 2>&1 &
daemon=$!
stop_daemon() {
  if kill -0 "$daemon" 2>/dev/null; then
    log "stopping the dockerd it started"
    kill -TERM "$daemon"
    for _ in $(seq 1 300); do kill -0 "$daemon" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$daemon" 2>/dev/null || true
  fi
  rm -rf "$state"
}
trap stop_daemon EXIT
for _ in $(seq 1 600); do
  DOCKER_HOST=unix:///var/run/docker.sock docker info >/dev/null 2>&1 && break
  kill -0 "$daemon" 2>/dev/null || { log "dockerd exited at start:"; tail -20 "$state/dockerd.log" >&2; exit 1; }
  sleep 0.1
done
DOCKER_HOST=unix:///var/run/docker.sock "$@"
