#!/usr/bin/env bash
# Local devnet: a whole market on 127.0.0.1. Starts anvil, deploys DevToken, ProviderRegistry and LeaseMarket with
# devnet parameters (heartbeat 2 s, timeout 6 s, unbonding 60 s), funds the first 10 dev accounts with tokens, builds
# what is missing (depin-node; the sample images when a Docker engine is available), starts N provider nodes
# (depin-node init + register + run, dev accounts 1..N as owners) and one verifier (depin-node verify), and writes the
# tenant CLI's config (dev account 9 as the wallet "devnet-tenant").
#
#   scripts/devnet.sh [--port N] [--providers N] [--runtime auto|docker|process] [--block-time S] [--detach]
#                                           start (default port 8545, 3 providers, automine; --block-time S mines a
#                                           block every S seconds instead, like a real chain); Ctrl-C stops everything
#   scripts/devnet.sh --stop                stop a detached devnet (everything it started)
#   scripts/devnet.sh --demo                start, run the failover demo (`depin demo`: a PyTorch job survives the
#                                           kill -9 of its provider), print its verdict and stop; --detach keeps it up
#
# Files: .devnet/ (or $DEPIN_DEVNET_DIR): logs/, pids/, nodes/, wallets/, cli-config.json. The CLI config is also
# written to ~/.depin/config.json when that file is absent or was written by a devnet (marker ~/.depin/config.json.devnet).
# DEPIN_NODE_DLL=path/depin-node.dll uses that build instead of publishing one into .devnet/bin.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

port=8545
providers=3
runtime=auto
block_time=0
detach=false
stop=false
demo=false
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
while (($#)); do
  case "$1" in
    --port)
      [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= 65535)) || { echo "--port needs a number in 1..65535" >&2; exit 2; }
      port=$2; shift 2 ;;
    --providers)
      [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= 8)) || { echo "--providers needs a number in 1..8 (dev accounts 1..8 own them)" >&2; exit 2; }
      providers=$2; shift 2 ;;
    --runtime)
      [[ "${2:-}" =~ ^(auto|docker|process)$ ]] || { echo "--runtime is auto, docker or process" >&2; exit 2; }
      runtime=$2; shift 2 ;;
    --block-time)
      [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 <= 60)) || { echo "--block-time needs seconds in 0..60 (0: automine)" >&2; exit 2; }
      block_time=$2; shift 2 ;;
    --detach) detach=true; shift ;;
    --stop) stop=true; shift ;;
    --demo) demo=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if $demo && ((providers < 3)); then echo "--demo needs at least 3 providers (1 replica + 2 standbys)" >&2; exit 2; fi
state_dir=${DEPIN_DEVNET_DIR:-$root/.devnet}
mkdir -p "$state_dir"
state_dir=$(cd "$state_dir" && pwd)
# shellcheck source=scripts/devnet/processes.sh
source "$root/scripts/devnet/processes.sh"

if $stop; then
  if ! any_running; then
    clear_stale
    echo "no devnet is running (nothing in ${pid_dir#"$root/"})"
    exit 1
  fi
  stop_all
  exit 0
fi

node="$root/node_modules/node/bin/node"
anvil="$root/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
tools() { "$node" "$root/scripts/devnet/tools.mjs" "$@"; }
[[ -x "$node" && -x "$anvil" ]] || fail "node_modules incomplete: run scripts/bootstrap.sh first"
command -v dotnet >/dev/null || fail "dotnet is not installed: run scripts/bootstrap.sh first"
if any_running; then
  fail "a devnet is already running (pid files in ${pid_dir#"$root/"}); stop it with: scripts/devnet.sh --stop"
fi
clear_stale
if "$node" -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));' "$port"; then
  fail "port $port on 127.0.0.1 is already in use; pick another with --port N"
fi

# Until everything is up, any exit (an error or Ctrl-C) stops what was started.
trap 'stop_all >/dev/null 2>&1' EXIT
trap 'echo; echo "[devnet] interrupted"; exit 130' INT TERM
rm -rf "$state_dir/nodes" "$state_dir/verifier" "$state_dir/wallets" "$log_dir"
mkdir -p "$log_dir"

# shellcheck source=scripts/devnet/build.sh
source "$root/scripts/devnet/build.sh"
choose_runtime
build_node
build_contracts
if $demo; then
  # shellcheck source=scripts/devnet/demo.sh
  source "$root/scripts/devnet/demo.sh"
  build_cli
fi

if [[ "$state_dir" == "$root/.devnet" ]]; then deployment="$root/deployments/31337.json"; else deployment="$state_dir/deployments/31337.json"; fi
rpc="http://127.0.0.1:$port"
mining=()
((block_time > 0)) && mining=(--block-time "$block_time")
log "starting anvil on 127.0.0.1:$port ($( ((block_time > 0)) && echo "a block every ${block_time} s" || echo automine))"
start_process anvil "$anvil" --host 127.0.0.1 --port "$port" --chain-id 31337 "${mining[@]}"
for _ in $(seq 1 100); do
  grep -q "Listening on" "$log_dir/anvil.log" 2>/dev/null && break
  alive anvil || { tail -5 "$log_dir/anvil.log" >&2; fail "anvil exited during start-up"; }
  sleep 0.1
done
grep -q "Listening on" "$log_dir/anvil.log" || fail "anvil did not start listening on port $port"
log "deploying contracts"
summary=$("$node" scripts/devnet/deploy.mjs --rpc "$rpc" --out "$deployment" --fund 10 2>"$log_dir/deploy.log") \
  || { tail -5 "$log_dir/deploy.log" >&2; fail "the deployment failed (log: $log_dir/deploy.log)"; }

# shellcheck source=scripts/devnet/nodes.sh
source "$root/scripts/devnet/nodes.sh"
start_nodes

trap - EXIT INT TERM
print_summary
if $demo; then
  trap 'echo; log "interrupted; stopping"; stop_all; exit 130' INT TERM
  status=0
  run_demo || status=$?
  if $detach; then
    echo
    echo "The devnet stays up (--detach). Stop everything with: scripts/devnet.sh --stop"
  else
    log "demo finished (exit $status); stopping the devnet"
    stop_all
  fi
  exit "$status"
fi
if $detach; then
  echo
  echo "Running in the background. Stop everything with: scripts/devnet.sh --stop"
  exit 0
fi

# The trap goes first: a Ctrl-C right after the line below shows must stop everything, not end the script alone.
trap 'echo; log "stopping"; stop_all; exit 0' INT TERM
echo
echo "Press Ctrl-C to stop everything."
while alive anvil; do sleep 1; done
log "anvil exited (see $log_dir/anvil.log); stopping the rest"
stop_all
exit 1
