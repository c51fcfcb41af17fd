#!/usr/bin/env bash
# Runs every test suite of the repository and ends with the line `N passed, N failed` (skips are counted just above it).
# Exit status is non-zero when any test or any suite fails. CI (.ci/run) calls exactly this script.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

results="$root/.test-results"
rm -rf "$results"; mkdir -p "$results"

passed=0; failed=0; skipped=0; broken_suites=()

log() { printf '\n[test] %s\n' "$*"; }

add_counts() { # passed failed skipped suite-name
  passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3))
  printf '[test] %-28s %5d passed, %d failed, %d skipped\n' "$4" "$1" "$2" "$3"
}

log "bootstrap"
if ! scripts/bootstrap.sh; then
  echo "bootstrap failed: nothing was tested"; echo "0 passed, 1 failed"; exit 1
fi

# --- Solidity (Hardhat 3 solidity tests: unit, fuzz and invariant) ---------------------------------
if compgen -G "contracts/test/*.t.sol" >/dev/null || compgen -G "contracts/test/**/*.t.sol" >/dev/null; then
  log "solidity tests (hardhat test solidity)"
  out="$results/solidity.log"
  # deeper than a developer's default run; the seed is fresh each run and printed first (reproduce with DEPIN_FUZZ_SEED)
  DEPIN_FUZZ_RUNS=${DEPIN_FUZZ_RUNS:-512} DEPIN_INVARIANT_RUNS=${DEPIN_INVARIANT_RUNS:-256} \
    DEPIN_INVARIANT_DEPTH=${DEPIN_INVARIANT_DEPTH:-150} npx hardhat test solidity 2>&1 | tee "$out"; rc=${PIPESTATUS[0]}
  clean=$(sed -E 's/\x1b\[[0-9;]*m//g' "$out")
  p=$(grep -Eo '[0-9]+ passing' <<<"$clean" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  f=$(grep -Eo '[0-9]+ failing' <<<"$clean" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  s=$(grep -Eo '[0-9]+ (pending|skipped)' <<<"$clean" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; broken_suites+=("solidity (exit $rc)"); fi
  add_counts "$p" "$f" "$s" "solidity"
fi

# --- Generated contract bindings must match the artifacts -------------------------------------------
if [[ -f scripts/gen-bindings.mjs ]]; then
  log "contract bindings are up to date"
  if npx node scripts/gen-bindings.mjs --check; then
    add_counts 1 0 0 "bindings-up-to-date"
  else
    add_counts 0 1 0 "bindings-up-to-date"
  fi
fi

# --- .NET test projects ------------------------------------------------------------------------------
for project in tests/*.Tests/*.Tests.csproj tests/*/*.Interop.csproj tests/*/*.EndToEnd.csproj \
  tests/Chaos/*.Tests.csproj; do
  [[ -f "$project" ]] || continue
  name=$(basename "$project" .csproj)
  log ".NET $name"
  trx="$results/$name.trx"
  dotnet test "$project" --no-build --configuration Release --nologo \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" \
    --blame-hang --blame-hang-timeout 10m 2>&1 | tee "$results/$name.log"
  rc=${PIPESTATUS[0]}
  if [[ -f "$trx" ]]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    get() { grep -Eo "$1=\"[0-9]+\"" <<<"$counters" | grep -Eo '[0-9]+' || echo 0; }
    p=$(get passed); f=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) )); total=$(get total)
    s=$(( total - p - f )); (( s < 0 )) && s=0
    if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; broken_suites+=("$name (exit $rc)"); fi
  else
    p=0; f=1; s=0; broken_suites+=("$name (no results: build or host crash)")
  fi
  add_counts "$p" "$f" "$s" "$name"
done

if ((${#broken_suites[@]})); then
  printf '\n[test] suites that failed outside a test: %s\n' "${broken_suites[*]}"
fi
echo
# Name the failed tests here, next to the totals, so the tail of a CI log is enough to know what broke.
if ((failed > 0)); then
  node scripts/test-failures.mjs "$results" || echo "[test] (could not list the failed tests; see $results)"
fi
echo "[test] $skipped skipped (each names its reason in its suite's log)"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
