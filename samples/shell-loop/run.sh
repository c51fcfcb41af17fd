#!/bin/sh
# A workload in plain POSIX shell that keeps the DePinGpu workload contract (docs/job-spec.md): it counts steps,
# writes a checkpoint folder every few steps into $DEPIN_CHECKPOINT_DIR (step-N/ with .complete created last),
# resumes from $DEPIN_RESUME_DIR at the step after the one saved there, checkpoints and exits on SIGTERM and
# checkpoints at once on SIGUSR1. No SDK, no language runtime: the contract is files, env vars and signals.
#
# Tunables (env): LOOP_STEPS (last step, default 20), LOOP_CHECKPOINT_EVERY (steps, default 5),
# LOOP_STEP_SECONDS (default 0.2), LOOP_EXIT_CODE (exit status after the last step, default 0);
# LOOP_STOP_AT_STEP, LOOP_STOP_CODE, LOOP_STOP_RUNS: exit with LOOP_STOP_CODE at that step while
# DEPIN_RESTART_COUNT < LOOP_STOP_RUNS (a workload asking to be restarted from its last checkpoint).
set -u
steps=${LOOP_STEPS:-20}
every=${LOOP_CHECKPOINT_EVERY:-5}
pause=${LOOP_STEP_SECONDS:-0.2}
checkpoints=${DEPIN_CHECKPOINT_DIR:-/tmp/checkpoints}
step=0

echo "start lease=${DEPIN_LEASE_ID:-} epoch=${DEPIN_EPOCH:-} restart=${DEPIN_RESTART_COUNT:-} output=${DEPIN_OUTPUT_DIR:-}"
if [ -n "${DEPIN_RESUME_DIR:-}" ] && [ -f "$DEPIN_RESUME_DIR/state" ]; then
  step=$(cat "$DEPIN_RESUME_DIR/state")
  echo "resumed from step $step"
fi

checkpoint() {
  folder="$checkpoints/step-$step"
  [ -f "$folder/.complete" ] && return 0
  mkdir -p "$folder"
  echo "$step" > "$folder/state"
  : > "$folder/.complete"
  echo "checkpoint step $step"
}

on_term() { checkpoint; echo "terminated at step $step"; exit 143; }
trap on_term TERM
trap checkpoint USR1

while [ "$step" -lt "$steps" ]; do
  step=$((step + 1))
  echo "step $step"
  if [ $((step % every)) -eq 0 ]; then checkpoint; fi
  if [ "$step" -eq "${LOOP_STOP_AT_STEP:-0}" ] && [ "${DEPIN_RESTART_COUNT:-0}" -lt "${LOOP_STOP_RUNS:-1}" ]; then
    echo "stopping at step $step with exit code ${LOOP_STOP_CODE:-75}"
    exit "${LOOP_STOP_CODE:-75}"
  fi
  # sleep in the background and wait: a trapped signal interrupts `wait` at once, not after the sleep.
  sleep "$pause" &
  wait $!
done
if [ -n "${DEPIN_OUTPUT_DIR:-}" ]; then echo "$step" > "$DEPIN_OUTPUT_DIR/result"; fi
echo "done at step $step"
exit "${LOOP_EXIT_CODE:-0}"
