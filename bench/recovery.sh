#!/usr/bin/env bash
# The recovery benchmark (issue 14 §6): the demo's scenario, --runs times, each on a fresh devnet (the killed provider
# is slashed and jailed): samples/train with 1 replica + 2 standbys, kill -9 of the active provider at a random moment
# (0–6 s after its first committed checkpoint), on the devnet's parameters (heartbeat 2 s, timeout 6 s, automine).
# Per run: detection (last heartbeat → report mined), hand-over (report → workload running on the standby), kill →
# running again, kill → first new checkpoint, steps lost, what the tenant paid for the lost time; then median and worst.
#
#   bench/recovery.sh [--runs N] [--steps N] [--json FILE] [--runtime process|docker] [--block-time S]
#   (--block-time S: anvil mines a block every S seconds, as the issue's "2 s blocks"; default automine)
#
# After each run, bench/recovery-cold-start.sh measures the sample's own cold start (import torch; the script up to its
# "resumed" line on the standby's checkpoint): the machine's limit, reported beside kill → running.
# Each run's JSON (depin demo -o json) and output go to .bench/recovery/ (or $DEPIN_BENCH_DIR); --json writes the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=10 steps=800 runtime=process summary="" block_time=0
while (($#)); do
  case "$1" in
    --runs) [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= 100)) || { echo "--runs needs 1..100" >&2; exit 2; }; runs=$2; shift 2 ;;
    --steps) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "--steps needs a number" >&2; exit 2; }; steps=$2; shift 2 ;;
    --json) summary=$2; shift 2 ;;
    --runtime) [[ "${2:-}" =~ ^(process|docker)$ ]] || { echo "--runtime is process or docker" >&2; exit 2; }; runtime=$2; shift 2 ;;
    --block-time) [[ "${2:-}" =~ ^[0-9]+$ ]] && (($2 <= 60)) || { echo "--block-time needs seconds in 0..60" >&2; exit 2; }; block_time=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

out=${DEPIN_BENCH_DIR:-$root/.bench/recovery}
mkdir -p "$out"
export DEPIN_DEVNET_DIR="$out/devnet" HOME="$out/home"
# Timestamps in the nodes' logs (kept per run in logs-N/): the summary reads when the standby's workload started.
export DEPIN_NODE_Logging__Console__FormatterOptions__TimestampFormat="${DEPIN_NODE_Logging__Console__FormatterOptions__TimestampFormat:-HH:mm:ss.fff }"
mkdir -p "$HOME"
node="$root/node_modules/node/bin/node"
cli=(dotnet "${DEPIN_CLI_DLL:-$root/src/TenantCli/bin/Release/net10.0/depin.dll}")
[[ -f "${cli[1]}" ]] || dotnet build "$root/src/TenantCli" -c Release -nologo -v quiet >/dev/null
trap 'scripts/devnet.sh --stop >/dev/null 2>&1 || true' EXIT

for run in $(seq 1 "$runs"); do
  echo "[recovery] run $run/$runs: devnet"
  scripts/devnet.sh --detach --runtime "$runtime" --block-time "$block_time" --port $((18600 + run)) >"$out/devnet-$run.log" 2>&1 \
    || { tail -5 "$out/devnet-$run.log" >&2; echo "[recovery] run $run: the devnet did not start" >&2; exit 1; }
  status=0
  DEPIN_CONFIG="$DEPIN_DEVNET_DIR/cli-config.json" "${cli[@]}" demo --devnet-dir "$DEPIN_DEVNET_DIR" --random-kill --steps "$steps" \
    --train-script "$root/samples/train/train.py" --chart "$out/run-$run.png" -o json >"$out/run-$run.json" 2>"$out/run-$run.log" || status=$?
  rm -rf "$out/logs-$run" && cp -r "$DEPIN_DEVNET_DIR/logs" "$out/logs-$run"
  # The machine's own limit in the same run: the sample's cold start on the checkpoint the standby resumed from.
  resume=$(find "$DEPIN_DEVNET_DIR/nodes" -path '*/workloads/*-1/resume/state.pt' -print -quit 2>/dev/null || true)
  if [[ -z $resume ]]; then
    echo "[recovery] run $run: no resume folder found, cold start not measured"
  elif ! bench/recovery-cold-start.sh "$(dirname "$resume")" "$root/samples/train/train.py" >"$out/cold-start-$run.json" 2>>"$out/run-$run.log"; then
    echo "[recovery] run $run: the cold-start measurement failed (see $out/run-$run.log)"
  fi
  scripts/devnet.sh --stop >/dev/null 2>&1 || true
  echo "[recovery] run $run: cold start $(cat "$out/cold-start-$run.json" 2>/dev/null || echo "–")"
  echo "[recovery] run $run: exit $status; $("$node" -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).recovery;console.log(`kill → running ${r.killToRunning} s, detection ${r.detection} s, hand-over ${r.handOver} s, steps lost ${r.stepsLost}`)' "$out/run-$run.json" 2>/dev/null || echo "no result")"
done

"$node" "$root/bench/recovery-summary.mjs" "$out" "$runs" ${summary:+"$summary"}
