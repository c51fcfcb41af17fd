#!/usr/bin/env bash
# The sample's own cold start on this machine, measured in the same run as a recovery (bench/recovery.sh calls it
# right after each run, on the standby's resume folder, with the devnet still up): what no node can take out of a
# hand-over, since the standby's interpreter only starts once the lease is its own.
#   bench/recovery-cold-start.sh RESUME_DIR TRAIN_SCRIPT   → one JSON line {"importTorch":s,"resume":s}
# importTorch: `python3 -c "import torch"` (exec → exit), with the interpreter the demo's spec names. resume: samples/train/train.py with DEPIN_RESUME_DIR and
# TRAIN_STEPS=0, exec → its "resumed from step" line (interpreter, import torch, model, torch.load of the checkpoint):
# the same moment the benchmark calls "running again".
set -euo pipefail
resume_dir=$1 script=$2
[[ -f "$resume_dir/state.pt" ]] || { echo "no checkpoint in $resume_dir" >&2; exit 1; }
# The interpreter the demo's spec names (the Process runtime runs it as it is); python3 when there is no spec to read.
spec="${DEPIN_DEVNET_DIR:-}/demo/job.json"
python=python3
[[ -f $spec ]] && python=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["command"][0])' "$spec")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
now() { date +%s%N; }
start=$(now)
"$python" -c "import torch"
import_ns=$(($(now) - start))
start=$(now) resumed=""
while IFS= read -r line; do
  [[ -z $resumed && $line == "resumed from step"* ]] && resumed=$(($(now) - start))
done < <(DEPIN_RESUME_DIR="$resume_dir" DEPIN_CHECKPOINT_DIR="$scratch/checkpoints" TRAIN_STEPS=0 "$python" "$script" 2>&1)
[[ -n $resumed ]] || { echo "$script never printed its resumed line" >&2; exit 1; }
printf '{"importTorch":%s,"resume":%s}\n' "$(awk -v n="$import_ns" 'BEGIN{printf "%.2f", n/1e9}')" "$(awk -v n="$resumed" 'BEGIN{printf "%.2f", n/1e9}')"
