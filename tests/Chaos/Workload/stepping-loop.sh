#!/bin/sh
# The chaos suite's workload: samples/shell-loop's contract (steps, a checkpoint folder every few steps, resume from
# $DEPIN_RESUME_DIR, checkpoint and exit on SIGTERM) plus its own log of steps, the history the checker reads. Every
# line goes to $CHAOS_STEP_LOG (shared by every node of a scenario; one short append per line, so lines never mix):
#   <unix ms> <lease> <epoch> <restart> <pid> <event> <step> <checkpoint dir>
# where event is start, resume, step or checkpoint, pid tells runs apart and the checkpoint dir names the node.
# In a container (CHAOS_RUN_ID=clock) every run has the same small pid: the run is told apart by its start's clock
# (nanoseconds modulo 10^9) instead, and the log is a file in the bind-mounted output folder, read from the host.
set -u
steps=${LOOP_STEPS:-100000}
every=${LOOP_CHECKPOINT_EVERY:-2}
pause=${LOOP_STEP_SECONDS:-0.25}
checkpoints=${DEPIN_CHECKPOINT_DIR:-/tmp/checkpoints}
history=${CHAOS_STEP_LOG:-/dev/null}
step=0
run=$$
if [ "${CHAOS_RUN_ID:-}" = clock ]; then run=$(( $(date +%s%N) % 1000000000 )); fi

record() { echo "$(date +%s%3N) ${DEPIN_LEASE_ID:-0} ${DEPIN_EPOCH:-0} ${DEPIN_RESTART_COUNT:-0} $run $1 $step $checkpoints" >> "$history"; }

record start
if [ -n "${DEPIN_RESUME_DIR:-}" ] && [ -f "$DEPIN_RESUME_DIR/state" ]; then
  step=$(cat "$DEPIN_RESUME_DIR/state")
  echo "resumed from step $step"
  record resume
fi

checkpoint() {
  folder="$checkpoints/step-$step"
  [ -f "$folder/.complete" ] && return 0
  mkdir -p "$folder" || return 0
  echo "$step" > "$folder/state" || return 0
  : > "$folder/.complete"
  echo "checkpoint step $step"
  record checkpoint
}

on_term() { checkpoint; echo "terminated at step $step"; exit 143; }
trap on_term TERM
trap checkpoint USR1

while [ "$step" -lt "$steps" ]; do
  step=$((step + 1))
  echo "step $step"
  record step
  if [ $((step % every)) -eq 0 ]; then checkpoint; fi
  # sleep in the background and wait: a trapped signal interrupts `wait` at once, not after the sleep.
  sleep "$pause" &
  wait $!
done
echo "done at step $step"
