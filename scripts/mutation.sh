#!/usr/bin/env bash
# Mutation testing (Stryker.NET, pinned in .config/dotnet-tools.json) over the code that guards money, identity and data.
# Each area mutates only its own files and runs only the test classes that cover them, so one area fits a small machine.
#   scripts/mutation.sh            lists the areas
#   scripts/mutation.sh AREA...    measures those areas one after the other (reports under .mutation/AREA/)
#   MUTATION_FILES=Noise/NoiseCipherState.cs scripts/mutation.sh noise   narrows one area to some of its files
#   MUTATION_TIME_LIMIT=seconds (default 5400) bounds each area; MUTATION_CONCURRENCY (default 1) mutants at a time
#   MUTATION_RETEST=previous/mutation-report.json scripts/mutation.sh AREA   runs only the mutants that report left alive
#   (Survived, NoCoverage) and scores the area from both reports merged; refused when the mutated source has changed
#   since (see scripts/mutation-retest.mjs). One area per call: the report belongs to one area.
#   MUTATION_SNAPSHOT=1 runs on a copy of the tree (.mutation/AREA/tree), so the working tree stays free to edit and build
#   and two areas can run at once (Stryker swaps the mutated assembly into the test project's bin folder)
# Calls to ConfigureAwait and to the LoggerMessage classes (*Log.*) are not mutated: no SynchronizationContext is ever
# installed (true/false resume alike) and log lines are not behaviour; each would otherwise be a survivor to judge.
# The target framework is named because Stryker's project analysis does not see the one set in Directory.Build.props.
# Not part of scripts/test.sh: a run takes minutes to hours. Scores and judged survivors live in docs/test-strength.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# area | source project | test project | files to mutate (globs relative to the source project, comma-separated) | test filter
areas=(
  "multistream|src/Libp2p/Libp2p.csproj|tests/Libp2p.Tests/Libp2p.Tests.csproj|Multistream/*.cs|FullyQualifiedName~DePinGpu.Libp2p.Tests.Multistream"
  "keystores|src/Protocol/Protocol.csproj|tests/Protocol.Tests/Protocol.Tests.csproj|Wallets/KeystoreFile.cs,Wallets/KeystoreKdfCheck.cs,Wallets/ScryptCost.cs|FullyQualifiedName~DePinGpu.Protocol.Tests.Wallets.Keystore&FullyQualifiedName!~GethVector_Unlocks&FullyQualifiedName!~GethVector_WrongPassword"
  "noise|src/Libp2p/Libp2p.csproj|tests/Libp2p.Tests/Libp2p.Tests.csproj|Noise/*.cs|FullyQualifiedName~DePinGpu.Libp2p.Tests.Noise"
  "transactions|src/Protocol/Protocol.csproj|tests/Protocol.Tests/Protocol.Tests.csproj|Transactions/TransactionSender*.cs,Transactions/NonceManager.cs|FullyQualifiedName~DePinGpu.Protocol.Tests.Transactions"
  "chain-events|src/Protocol/Protocol.csproj|tests/Protocol.Tests/Protocol.Tests.csproj|Events/ChainEventStream.cs|FullyQualifiedName~DePinGpu.Protocol.Tests.Events.ChainEventStream"
  "bitswap-client|src/Ipfs/Ipfs.csproj|tests/Ipfs.Tests/Ipfs.Tests.csproj|Bitswap/Client/DagFetchSession*.cs,Bitswap/Client/PeerWantRecords.cs|FullyQualifiedName~DePinGpu.Ipfs.Tests.Bitswap.Client"
  "gossipsub|src/Libp2p/Libp2p.csproj|tests/Libp2p.Tests/Libp2p.Tests.csproj|PubSub/Scoring/*.cs,PubSub/MessageSigning.cs,PubSub/Routing/GossipSubRouter.Receive.cs|FullyQualifiedName~DePinGpu.Libp2p.Tests.PubSub&FullyQualifiedName!~Interop"
  "block-store|src/Ipfs/Ipfs.csproj|tests/Ipfs.Tests/Ipfs.Tests.csproj|Blocks/*.cs|FullyQualifiedName~DePinGpu.Ipfs.Tests.Blocks"
  "yamux|src/Libp2p/Libp2p.csproj|tests/Libp2p.Tests/Libp2p.Tests.csproj|Yamux/*.cs|FullyQualifiedName~DePinGpu.Libp2p.Tests.Yamux"
)

if [[ $# -eq 0 ]]; then
  echo "usage: scripts/mutation.sh AREA...   areas (smallest first):"
  for area in "${areas[@]}"; do echo "  ${area%%|*}"; done
  exit 2
fi

dotnet tool restore >/dev/null
# Stryker's project analysis (Buildalyzer) waits only 10 s for `dotnet --info` and then fails with "Could not find
# build environment"; on a loaded machine that call alone can take longer.
export DOTNET_INFO_WAIT_TIME=${DOTNET_INFO_WAIT_TIME:-180000}
# Shared machines: low priority (MUTATION_NICE, default 10 as for every heavy command here; 19 starves behind builds
# at 0), one mutant at a time, and a wall-clock bound per area.
limit=${MUTATION_TIME_LIMIT:-5400}

measure() { # area source test mutate filter
  local name=$1 source=$2 test=$3 mutate=$4 filter=$5
  local output="$root/.mutation/$name"
  local previous=""
  if [[ -n ${MUTATION_RETEST:-} ]]; then
    # Copied first: the previous report may lie in the folder this run replaces.
    previous=$(mktemp --suffix=.json)
    cp "$MUTATION_RETEST" "$previous"
    mutate=$(node "$root/scripts/mutation-retest.mjs" spans "$previous" "$root") || return 1
  fi
  rm -rf "$output"; mkdir -p "$output"
  local tree=$root
  if [[ -n ${MUTATION_SNAPSHOT:-} ]]; then
    tree="$output/tree"; mkdir -p "$tree"
    # node_modules is linked, not copied: it is large, and the '*/bin' exclusion would drop anvil's binary from it
    # (node_modules/@foundry-rs/anvil-linux-amd64/bin), which the anvil-backed areas' tests need.
    tar -C "$root" --exclude=./.git --exclude=./.mutation --exclude=./node_modules --exclude='*/bin' --exclude='*/obj' \
      --exclude=./contracts/cache -cf - . | tar -C "$tree" -xf -
    ln -s "$root/node_modules" "$tree/node_modules"
  fi
  local globs
  globs=$(tr ',' '\n' <<<"$mutate" | sed -E 's/.*/"**\/&"/' | paste -sd, -)
  cat >"$output/stryker-config.json" <<EOF
{
  "stryker-config": {
    "project": "$(basename "$source")",
    "test-projects": ["$tree/$test"],
    "mutate": [$globs],
    "test-case-filter": "$filter",
    "configuration": "Release",
    "target-framework": "net10.0",
    "coverage-analysis": "perTest",
    "concurrency": ${MUTATION_CONCURRENCY:-1},
    "additional-timeout": 10000,
    "ignore-methods": ["ConfigureAwait", "*Log.*"],
    "reporters": ["progress", "json", "html", "cleartext"],
    "thresholds": { "high": 80, "low": 60, "break": 0 }
  }
}
EOF
  echo "[mutation] $name: mutating ${mutate:0:300}, running $filter"
  local status attempt
  # Under heavy load Buildalyzer gives up waiting for `dotnet --info` ("Could not find build environment"): try again.
  for attempt in 1 2 3; do
    status=0
    (cd "$tree/$(dirname "$source")" &&
      nice -n "${MUTATION_NICE:-10}" timeout --kill-after=60 "$limit" dotnet stryker --config-file "$output/stryker-config.json" --output "$output") \
      >"$output/run.log" 2>&1 || status=$?
    grep -q 'Could not find build environment' "$output/run.log" || break
    echo "[mutation] $name: Stryker found no build environment (attempt $attempt of 3)" >&2
  done
  # A test host Stryker killed for a timeout leaves what its tests started (anvil, above all) running. In a snapshot
  # every such process runs from the snapshot's tree, so they can be told from everything else and stopped.
  if [[ -n ${MUTATION_SNAPSHOT:-} ]] && pkill -f "$tree/" 2>/dev/null; then
    echo "[mutation] $name: stopped processes that timed-out test runs left behind" >&2
  fi
  if [[ $status -eq 124 || $status -eq 137 ]]; then
    echo "[mutation] $name: stopped after ${limit}s without a score (MUTATION_TIME_LIMIT raises the bound)" >&2
    return 1
  fi
  grep -Eo 'The final mutation score is [0-9.]+ ?%' "$output/run.log" | tail -1 | sed "s/^/[mutation] $name: /"
  local report
  report=$(find "$output" -name mutation-report.json | head -1)
  if [[ -n $previous && -n $report ]]; then
    node "$root/scripts/mutation-summary.mjs" "$report" >"$output/retest-summary.txt"
    node "$root/scripts/mutation-retest.mjs" merge "$previous" "$report" >"$output/merged-report.json"
    report="$output/merged-report.json"
    echo "[mutation] $name: previous survivors re-run ($output/retest-summary.txt); the score below is the merged area's"
  fi
  if [[ -n $report ]]; then
    node "$root/scripts/mutation-summary.mjs" "$report" | tee "$output/summary.txt"
  fi
  return "$status"
}

failed=0
for wanted in "$@"; do
  found=0
  for area in "${areas[@]}"; do
    IFS='|' read -r name source test mutate filter <<<"$area"
    if [[ $name == "$wanted" ]]; then
      measure "$name" "$source" "$test" "${MUTATION_FILES:-$mutate}" "$filter" || failed=1
      found=1
    fi
  done
  if [[ $found -eq 0 ]]; then echo "unknown area: $wanted" >&2; exit 2; fi
done
exit "$failed"
