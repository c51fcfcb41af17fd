#!/usr/bin/env bash
# Soak run of the chaos suite (tests/Chaos, issue 18 §3): runs its scenarios one at a time in random order, again and
# again, for the given number of minutes (default 30), then prints every run's row (scenario, injected, detection,
# recovery, leases lost, false reassignments, tokens unaccounted, checker violations) and the pass/fail counts.
# Not part of CI (scripts/test.sh runs each scenario once). A scenario is not started when less than the time it
# may take (SOAK_SCENARIO_LIMIT seconds, default 420) is left, so the whole run ends within minutes + that limit.
#   scripts/soak.sh [minutes]        SOAK_SEED=n to repeat an order; the build must exist (dotnet build tests/Chaos -c Release)
set -uo pipefail
cd "$(dirname "$0")/.."

minutes=${1:-30}
limit=${SOAK_SCENARIO_LIMIT:-420}
seed=${SOAK_SEED:-$RANDOM}
scenarios=(01 02 03 04 05 06 07 08 09 12 13 14)
results=$(mktemp -d "${TMPDIR:-/tmp}/depin-soak-XXXXXX")
rows="$results/rows.md"; : >"$rows"
deadline=$(( $(date +%s) + minutes * 60 ))
passed=0; failed=0; skipped=0; round=0

echo "[soak] ${minutes} min, seed ${seed}, logs in ${results}"
RANDOM=$seed
while :; do
  round=$((round + 1))
  order=$(printf '%s\n' "${scenarios[@]}" | while read -r s; do echo "$RANDOM $s"; done | sort -n | cut -d' ' -f2)
  for scenario in $order; do
    if (( $(date +%s) + limit > deadline )); then break 2; fi
    log="$results/round-${round}-scenario-${scenario}.log"
    echo "[soak] round ${round}: scenario ${scenario}"
    DEPIN_CHAOS_RESULTS="$rows" timeout "$limit" dotnet test tests/Chaos --no-build --configuration Release --nologo \
      --filter "FullyQualifiedName~Scenario${scenario}_" --logger "console;verbosity=normal" >"$log" 2>&1
    rc=$?
    if grep -q "Skipped Scenario${scenario}_\|Skipped: 1" "$log"; then skipped=$((skipped + 1)); echo "[soak]   skipped"
    elif (( rc == 0 )); then passed=$((passed + 1)); echo "[soak]   passed"
    else failed=$((failed + 1)); echo "[soak]   FAILED (exit ${rc}): ${log}"; fi
  done
done

echo
echo "| Scenario | Injected | Detection | Recovery | Leases lost | False reassignments | Tokens unaccounted | Checker violations |"
echo "|---|---|---|---|---|---|---|---|"
cat "$rows"
echo
echo "[soak] seed ${seed}, ${round} rounds started: ${passed} passed, ${failed} failed, ${skipped} skipped"
(( failed == 0 ))
