# Sourced by scripts/devnet.sh: the devnet's background processes. Each runs in its own session (setsid), so its pid is
# its process group, with a pid file in $pid_dir and a log in $log_dir; stopping signals the whole group.
# Needs: $state_dir, $root.
pid_dir="$state_dir/pids"
log_dir="$state_dir/logs"
mkdir -p "$pid_dir"

log() { printf '[devnet] %s\n' "$*"; }
fail() { printf 'devnet: %s\n' "$*" >&2; exit 1; }

# start_process NAME COMMAND [ARG...]: starts it detached, output to $log_dir/NAME.log.
start_process() {
  local name=$1
  shift
  mkdir -p "$log_dir"
  setsid "$@" >"$log_dir/$name.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/$name.pid"
  # Not this shell's job any more: the demo's kill -9 of a provider must not print bash's "Killed" job notice.
  disown $!
}

alive() { [[ -f "$pid_dir/$1.pid" ]] && kill -0 "$(cat "$pid_dir/$1.pid")" 2>/dev/null; }

any_running() {
  local file
  for file in "$pid_dir"/*.pid; do
    [[ -e "$file" ]] || continue
    kill -0 "$(cat "$file")" 2>/dev/null && return 0
  done
  return 1
}

# Pid files of processes that are gone (a crash, a reboot) are left-overs, not a running devnet.
clear_stale() {
  local file
  for file in "$pid_dir"/*.pid; do
    [[ -e "$file" ]] || continue
    kill -0 "$(cat "$file")" 2>/dev/null || rm -f "$file"
  done
}

# stop_process NAME: SIGTERM to its group, SIGKILL after 15 s.
stop_process() {
  local name=$1 pid
  [[ -f "$pid_dir/$name.pid" ]] || return 0
  pid=$(cat "$pid_dir/$name.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$pid_dir/$name.pid"
}

# Stops everything this devnet started: verifier and nodes first (they talk to the chain), then the workloads they
# left (process groups recorded by the nodes; containers labelled with the nodes' names), anvil, and a dockerd it started.
stop_all() {
  local file name
  stop_process verifier
  for file in "$pid_dir"/provider-*.pid; do
    [[ -e "$file" ]] || continue
    name=$(basename "$file" .pid)
    stop_process "$name"
  done
  stop_workloads
  stop_process anvil
  stop_process dockerd
}

# Process workloads run in their own process groups and outlive their node by design; containers too. A devnet owns
# its nodes' workloads, so it ends them.
stop_workloads() {
  local record pid start stat name containers=""
  # Records are "<pid> <start time> <lease> <epoch> <restarts>"; the start time guards against a reused pid.
  while IFS= read -r record; do
    read -r pid start _ <"$record" || continue
    [[ "$pid" =~ ^[0-9]+$ && -r /proc/$pid/stat ]] || continue
    stat=$(sed 's/.*) //' "/proc/$pid/stat")
    [[ $(awk '{print $20}' <<<"$stat") == "$start" ]] && kill -KILL -- "-$pid" 2>/dev/null || true
  done < <(find "$state_dir/nodes" -name workload.pid -type f 2>/dev/null)
  if [[ -f "$state_dir/runtime" && $(cat "$state_dir/runtime") == docker ]] && docker info >/dev/null 2>&1; then
    for name in $(ls "$state_dir/nodes" 2>/dev/null); do
      containers+=" $(docker ps -aq --filter "label=io.depingpu.node=devnet-$name" 2>/dev/null || true)"
    done
    # shellcheck disable=SC2086
    [[ -z "${containers// /}" ]] || docker rm -f $containers >/dev/null 2>&1 || true
  fi
}
