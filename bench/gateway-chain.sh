#!/usr/bin/env bash
# The gateway's failover with the chain in the loop (issue 17 §4; docs/benchmarks.md "Tenant gateway"): a fresh devnet
# (anvil automine, heartbeat 2 s, timeout 6 s; 4 provider nodes, Process runtime; a verifier), a Stateless order of
# samples/echo-service with 3 replicas + 1 standby placed with `depin order create`, then bench/Gateway.Bench in its
# `chain` mode: it finalizes the order, runs the gateway as `depin gateway` does (chain-event watch, default options),
# a closed loop of GET /echo plus one SSE stream client, and kills -9 one replica's provider (node and workload) a
# third of the way in; it prints failed requests, p50/p99 before, during and after, the longest gap and each failover step.
#
#   bench/gateway-chain.sh [--requests N] [--concurrency N]      (defaults 10000 and 4)
#
# The devnet and the output go to .bench/gateway-chain/ (or $DEPIN_BENCH_DIR); the devnet is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
requests=10000 concurrency=4
while (($#)); do
  case "$1" in
    --requests) [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 >= 30)) || { echo "--requests needs a number of at least 30" >&2; exit 2; }; requests=$2; shift 2 ;;
    --concurrency) [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= 256)) || { echo "--concurrency needs 1..256" >&2; exit 2; }; concurrency=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

out=${DEPIN_BENCH_DIR:-$root/.bench/gateway-chain}
rm -rf "$out/devnet"
mkdir -p "$out/home"
export DEPIN_DEVNET_DIR="$out/devnet" HOME="$out/home" DOTNET_NOLOGO=1
export DEPIN_NODE_DLL="${DEPIN_NODE_DLL:-$root/src/ProviderNode/bin/Release/net10.0/depin-node.dll}"
cli=(dotnet "${DEPIN_CLI_DLL:-$root/src/TenantCli/bin/Release/net10.0/depin.dll}")
bench="$root/bench/Gateway.Bench/bin/Release/net10.0/DePinGpu.Gateway.Bench.dll"
[[ -f "$DEPIN_NODE_DLL" ]] || dotnet build "$root/src/ProviderNode" -c Release -nologo -v quiet >/dev/null
[[ -f "${cli[1]}" && -f "$bench" ]] || dotnet build "$root/bench/Gateway.Bench" -c Release -nologo -v quiet >/dev/null
trap 'scripts/devnet.sh --stop >/dev/null 2>&1 || true' EXIT

echo "[gateway-chain] devnet (4 providers, Process runtime)"
scripts/devnet.sh --detach --runtime process --providers 4 --port "${DEPIN_BENCH_PORT:-18690}" >"$out/devnet.log" 2>&1 \
  || { tail -20 "$out/devnet.log" >&2; echo "[gateway-chain] the devnet did not start" >&2; exit 1; }
export DEPIN_CONFIG="$DEPIN_DEVNET_DIR/cli-config.json"

spec="$out/echo-service.json"
cat >"$spec" <<JSON
{"schemaVersion":1,"runtime":"process","command":["/usr/bin/python3","$root/samples/echo-service/server.py"],
 "resources":{"gpus":1},"service":{"port":8080,"healthPath":"/health","idempotent":true}}
JSON
created=$("${cli[@]}" order create "$spec" --max-price "$((5000 * 3600))wei" --duration 1h --replicas 3 --standbys 1 --bid-window 120s -o json)
order=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["orderId"])' "$created")
echo "[gateway-chain] order $order placed; the bench finalizes it and runs $requests requests at concurrency $concurrency"
echo "[gateway-chain] $(uptime)"
dotnet "$bench" chain "$DEPIN_DEVNET_DIR" "$order" "$requests" "$concurrency" | tee "$out/result.txt"
echo "[gateway-chain] $(uptime)"
