#!/usr/bin/env bash
# Measures the gas of every user-facing contract call on a throw-away anvil chain and writes docs/gas.md.
# Exit status 2 when a call exceeds its bound (issue 2 §4). Usage: scripts/gas-report.sh [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

node=node_modules/node/bin/node
anvil=node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
[[ -x $node && -x $anvil ]] || { echo "node_modules incomplete: run scripts/bootstrap.sh first" >&2; exit 1; }
out=docs/gas.md
[[ "${1:-}" == "--out" && -n "${2:-}" ]] && out=$2

npx hardhat compile --quiet

# a free loopback port chosen by the kernel
port=$("$node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});')
log=$(mktemp)
"$anvil" --host 127.0.0.1 --port "$port" --chain-id 31337 >"$log" 2>&1 &
anvil_pid=$!
trap 'kill "$anvil_pid" 2>/dev/null || true; wait "$anvil_pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 1 100); do
  grep -q "Listening on" "$log" && break
  kill -0 "$anvil_pid" 2>/dev/null || { cat "$log" >&2; echo "anvil exited" >&2; exit 1; }
  sleep 0.1
done
grep -q "Listening on" "$log" || { echo "anvil did not start on port $port" >&2; exit 1; }

"$node" scripts/gas-report.mjs --rpc "http://127.0.0.1:$port" --out "$out"
