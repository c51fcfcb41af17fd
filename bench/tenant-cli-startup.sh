#!/usr/bin/env bash
# Start-up time and memory of `depin --help` (goal: < 150 ms). Builds src/TenantCli in Release, then runs the
# program N times (default 20) after 3 warm-up runs and prints the median and p90 wall time, the median CPU time
# (user + sys: what the program itself costs on a busy machine) and the peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
dotnet build src/TenantCli -c Release --nologo -v quiet -clp:NoSummary >/dev/null
program=src/TenantCli/bin/Release/net10.0/depin
for _ in 1 2 3; do "$program" --help >/dev/null; done
samples=$(mktemp)
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S %M" "$program" --help 2>>"$samples" >/dev/null
done
wall=$(awk '{ print $1 * 1000 }' "$samples" | sort -n)
cpu=$(awk '{ print ($2 + $3) * 1000 }' "$samples" | sort -n)
rss=$(awk '{ print $4 / 1024 }' "$samples" | sort -n)
pick() { sed -n "$2p" <<<"$1"; }
median=$(( (runs + 1) / 2 )); p90=$(( runs * 9 / 10 ))
printf 'depin --help, %d runs: wall median %.0f ms, p90 %.0f ms; CPU (user+sys) median %.0f ms; peak RSS median %.1f MiB\n' \
  "$runs" "$(pick "$wall" $median)" "$(pick "$wall" $p90)" "$(pick "$cpu" $median)" "$(pick "$rss" $median)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
rm -f "$samples"
