#!/usr/bin/env bash
# Runs the benchmarks of one area (protocol, libp2p, ipfs, node, tenant, gateway, gateway-chain, recovery) or all of them, in Release.
# Usage: scripts/bench.sh [protocol|libp2p|ipfs|node|tenant|gateway|gateway-chain|recovery|all] [-- extra arguments for the benchmark program]
# node runs through scripts/images/with-docker.sh, so it measures Docker too when an engine is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
area=${1:-all}; shift || true
[[ ${1:-} == "--" ]] && shift
scripts/bootstrap.sh >/dev/null
run() { local project=$1; shift; dotnet run --project "bench/$project.Bench/$project.Bench.csproj" --configuration Release --no-build -- "$@"; }
case "$area" in
  protocol) run Protocol "$@" ;;
  libp2p) run Libp2p "$@" ;;
  ipfs) run Ipfs "$@" ;;
  node) scripts/images/with-docker.sh dotnet run --project bench/ProviderNode.Bench/ProviderNode.Bench.csproj --configuration Release --no-build -- "$@" ;;
  tenant) run TenantCli "$@" ;;
  gateway) run Gateway "$@" ;;
  gateway-chain) bench/gateway-chain.sh "$@" ;;
  recovery) bench/recovery.sh "$@" ;;
  all) run Protocol "$@"; run Libp2p "$@"; run Ipfs "$@" ;;
  *) echo "unknown area '$area': use protocol, libp2p, ipfs, node, tenant, gateway, gateway-chain, recovery or all" >&2; exit 2 ;;
esac
