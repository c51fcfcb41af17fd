#!/usr/bin/env bash
# Idempotent set-up on a fresh clone: Debian packages for workloads (the Docker engine, debootstrap and what building
# the sample images needs), JavaScript toolchain (Node 22, Hardhat, solc, anvil, js-libp2p, Helia), contract
# artifacts, and the .NET build. Safe to run again at any time.
#
#   DEPIN_SKIP_APT=1 scripts/bootstrap.sh      skip the Debian packages (a machine where apt is not yours to run)
#   DEPIN_SKIP_IMAGES=1 scripts/bootstrap.sh   skip building the container images
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[bootstrap] %s\n' "$*"; }

# tmux: the tests drive the CLIs in a real terminal and check what a person sees.
# Debian packages: the Docker engine runs tenants' workloads (and the tests of the Docker runtime); debootstrap
# makes the base image the sample images are built on, because these machines reach no image registry.
# python3-torch: the devnet's Process runtime runs samples/train (the demo) with the host's python3.
# time: GNU time reads peak memory for the CLI start-up benchmark (bench/TenantCli.Bench startup).
system_packages=(docker.io debootstrap ca-certificates iptables tmux python3-torch time)
install_system_packages() {
  local missing=()
  for package in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if ((${#missing[@]} == 0)); then
    log "Debian packages present: ${system_packages[*]}"
    return 0
  fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    log "not installing ${missing[*]}: needs root and apt-get (Docker tests will be skipped, saying why)"
    return 0
  fi
  log "installing Debian packages: ${missing[*]} (apt-get update, then apt-get install)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "installed ${missing[*]}"
}
if [[ "${DEPIN_SKIP_APT:-0}" == 1 ]]; then
  log "DEPIN_SKIP_APT=1: not checking Debian packages"
else
  install_system_packages
fi

command -v npm >/dev/null || { echo "npm is required (any Node.js >= 18 with npm); the repo brings its own Node 22." >&2; exit 1; }
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

# npm ci only when the lock file changed since the last install: a full reinstall takes a minute.
stamp=node_modules/.bootstrap-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" || ! -x node_modules/node/bin/node ]]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
else
  log "npm packages up to date"
fi

[[ -x node_modules/node/bin/node ]] || { echo "node_modules/node/bin/node missing: npm did not run the node@22 install script." >&2; exit 1; }
[[ -x node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil ]] || { echo "anvil binary missing: npm did not run the @foundry-rs/anvil install script." >&2; exit 1; }

log "compiling contracts"
npx hardhat compile --quiet

log "restoring and building the .NET solution"
dotnet restore DePinGpu.sln --verbosity quiet
dotnet build DePinGpu.sln --no-restore --configuration Release --verbosity quiet -nologo -clp:NoSummary

# The container images (base and samples), cached by content: the first build takes minutes (debootstrap, PyTorch),
# later runs find them. Built here so that tests do not spend their time limit on it.
if [[ "${DEPIN_SKIP_IMAGES:-0}" == 1 ]]; then
  log "DEPIN_SKIP_IMAGES=1: not building container images"
elif command -v dockerd >/dev/null || docker info >/dev/null 2>&1; then
  log "building container images (scripts/images/build.sh; cached by content)"
  scripts/images/with-docker.sh scripts/images/build.sh >/dev/null \
    || log "warning: the container images were not built (see above); the Docker tests will build them or say why not"
else
  log "no Docker engine installed: container images not built (Docker tests will be skipped, saying why)"
fi

log "done"
