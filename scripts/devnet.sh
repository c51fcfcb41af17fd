#!/usr/bin/env bash
# Local devnet: anvil on 127.0.0.1 + DevToken, ProviderRegistry and LeaseMarket with devnet parameters (heartbeat 2 s,
# timeout 6 s, unbonding 60 s), the first 10 dev accounts funded with tokens, deployments/31337.json written.
#
#   scripts/devnet.sh [--port N] [--detach]    start (default port 8545); Ctrl-C stops anvil
#   scripts/devnet.sh --stop [--port N]        stop a detached devnet
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

port=8545
detach=false
stop=false
usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; }
while (($#)); do
  case "$1" in
    --port)
      [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= 65535)) || { echo "--port needs a number in 1..65535" >&2; exit 2; }
      port=$2; shift 2 ;;
    --detach) detach=true; shift ;;
    --stop) stop=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

state_dir="$root/.devnet"
pid_file="$state_dir/anvil-$port.pid"
log_file="$state_dir/anvil-$port.log"
node="$root/node_modules/node/bin/node"
anvil="$root/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"

if $stop; then
  [[ -f "$pid_file" ]] || { echo "no detached devnet on port $port ($pid_file missing)"; exit 1; }
  pid=$(cat "$pid_file")
  if kill "$pid" 2>/dev/null; then echo "stopped anvil (pid $pid) on port $port"; else echo "anvil (pid $pid) was not running"; fi
  rm -f "$pid_file"
  exit 0
fi

[[ -x "$node" && -x "$anvil" ]] || { echo "node_modules incomplete: run scripts/bootstrap.sh first" >&2; exit 1; }
if "$node" -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));' "$port"; then
  echo "port $port on 127.0.0.1 is already in use (a devnet already running? stop it with: scripts/devnet.sh --stop --port $port)" >&2
  exit 1
fi

mkdir -p "$state_dir"
echo "[devnet] compiling contracts"
npx hardhat compile --quiet

echo "[devnet] starting anvil on 127.0.0.1:$port (log: ${log_file#"$root/"})"
if $detach; then
  setsid "$anvil" --host 127.0.0.1 --port "$port" --chain-id 31337 >"$log_file" 2>&1 < /dev/null &
else
  "$anvil" --host 127.0.0.1 --port "$port" --chain-id 31337 >"$log_file" 2>&1 &
fi
anvil_pid=$!
echo "$anvil_pid" > "$pid_file"

stop_anvil() {
  kill "$anvil_pid" 2>/dev/null || true
  wait "$anvil_pid" 2>/dev/null || true
  rm -f "$pid_file"
}
# Until the deployment succeeded, any exit (error or Ctrl-C) stops anvil, detached or not.
trap stop_anvil EXIT

for _ in $(seq 1 100); do
  grep -q "Listening on" "$log_file" 2>/dev/null && break
  kill -0 "$anvil_pid" 2>/dev/null || { cat "$log_file" >&2; echo "anvil exited during start-up" >&2; exit 1; }
  sleep 0.1
done
grep -q "Listening on" "$log_file" || { echo "anvil did not start listening on port $port" >&2; exit 1; }

rpc="http://127.0.0.1:$port"
echo "[devnet] deploying contracts"
summary=$("$node" scripts/devnet/deploy.mjs --rpc "$rpc" --out "$root/deployments/31337.json" --fund 10)

"$node" - "$summary" <<'EOF'
const d = JSON.parse(process.argv[2]);
const p = d.parameters;
const rel = d.file.replace(process.cwd() + "/", "");
console.log(`
DePinGpu devnet is up
  RPC                 ${d.rpcUrl} (chain id ${d.chainId})
  deployment file     ${rel}
  stake token         ${d.contracts.stakeToken}  (DevToken, mintable, ERC-2612 permit)
  ProviderRegistry    ${d.contracts.registry}
  LeaseMarket         ${d.contracts.market}  (extension ${d.marketExtension})
  deployer / admin    ${d.deployer}
  parameters          heartbeat ${p.heartbeatInterval} s, timeout ${p.heartbeatTimeout} s, start deadline ${p.startDeadline} s,
                      unbonding ${p.unbondingPeriod} s, jail ${p.jailPeriod} s, slash ${p.slashBps} bps, finder fee ${p.finderFeeBps} bps,
                      min stake ${BigInt(p.minStakePerGpu) / 10n ** 18n} tokens per GPU
  funded accounts     ${d.funded.length} dev accounts (anvil's default mnemonic), 1,000,000 tokens each:`);
d.funded.forEach((a, i) => console.log(`                      [${i}] ${a}`));
EOF

if $detach; then
  trap - EXIT
  echo
  echo "Running in the background (anvil pid $anvil_pid, pid file ${pid_file#"$root/"})."
  echo "Stop it with: scripts/devnet.sh --stop --port $port    (or: kill \$(cat ${pid_file#"$root/"}))"
  exit 0
fi

echo
echo "Press Ctrl-C to stop."
trap 'echo; echo "[devnet] stopping anvil"; stop_anvil; exit 0' INT TERM
trap stop_anvil EXIT
wait "$anvil_pid" || true
echo "[devnet] anvil exited (see ${log_file#"$root/"})"
