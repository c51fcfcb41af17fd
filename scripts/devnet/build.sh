# Sourced by scripts/devnet.sh: builds what is missing. Needs $root, $state_dir, $runtime, processes.sh.

# Sets $runtime to docker or process. auto: Docker when an engine answers or one can be started here (dockerd
# installed, running as root; started the way scripts/images/with-docker.sh does and stopped with the devnet) and the
# sample images build; otherwise the Process runtime, said out loud.
choose_runtime() {
  if [[ $runtime == process ]]; then
    log "runtime: Process (asked for with --runtime process): workloads run as plain host processes"
  elif docker_engine; then
    log "building the sample images (cached; log: $log_dir/images.log)"
    if "$root/scripts/images/build.sh" >"$log_dir/images.log" 2>&1; then
      runtime=docker
      log "runtime: Docker"
    elif [[ $runtime == docker ]]; then
      tail -5 "$log_dir/images.log" >&2
      fail "the sample images did not build (log: $log_dir/images.log)"
    else
      runtime=process
      log "runtime: Process — the sample images did not build (see $log_dir/images.log)"
    fi
  elif [[ $runtime == docker ]]; then
    fail "--runtime docker, but no Docker engine answers and none can be started (scripts/bootstrap.sh installs docker.io; starting dockerd needs root)"
  else
    runtime=process
    log "runtime: Process — no Docker engine here (scripts/bootstrap.sh installs docker.io); workloads run as plain host processes"
  fi
  echo "$runtime" >"$state_dir/runtime"
}

# True when a Docker engine answers, starting dockerd first when it is installed but not running.
docker_engine() {
  docker info >/dev/null 2>&1 && return 0
  command -v dockerd >/dev/null && [[ $(id -u) -eq 0 ]] || return 1
  log "starting dockerd (log: $log_dir/dockerd.log)"
  start_process dockerd dockerd --host unix:///var/run/docker.sock
  for _ in $(seq 1 300); do
    DOCKER_HOST=unix:///var/run/docker.sock docker info >/dev/null 2>&1 && { export DOCKER_HOST=unix:///var/run/docker.sock; return 0; }
    alive dockerd || { tail -5 "$log_dir/dockerd.log" >&2; log "dockerd exited at start"; return 1; }
    sleep 0.1
  done
  log "dockerd did not answer within 30 s"
  stop_process dockerd
  return 1
}

# Sets $depin_node (the command line that runs depin-node): $DEPIN_NODE_DLL when given, else a Release publish kept
# in .devnet/bin and redone when a source file is newer.
build_node() {
  if [[ -n "${DEPIN_NODE_DLL:-}" ]]; then
    [[ -f "$DEPIN_NODE_DLL" ]] || fail "DEPIN_NODE_DLL=$DEPIN_NODE_DLL does not exist"
    depin_node=(dotnet "$DEPIN_NODE_DLL")
    return
  fi
  local out="$root/.devnet/bin/depin-node"
  if [[ ! -f "$out/depin-node.dll" ]] || [[ -n $(find "$root/src" "$root/Directory.Packages.props" -newer "$out/depin-node.dll" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -print -quit) ]]; then
    log "publishing depin-node (log: $log_dir/build.log)"
    dotnet publish "$root/src/ProviderNode" -c Release -o "$out" >"$log_dir/build.log" 2>&1 \
      || { tail -5 "$log_dir/build.log" >&2; fail "depin-node did not build (log: $log_dir/build.log)"; }
  fi
  depin_node=(dotnet "$out/depin-node.dll")
}

build_contracts() {
  log "compiling contracts (cached)"
  (cd "$root" && npx hardhat compile --quiet >"$log_dir/contracts.log" 2>&1) \
    || { tail -5 "$log_dir/contracts.log" >&2; fail "the contracts did not compile (log: $log_dir/contracts.log)"; }
}
