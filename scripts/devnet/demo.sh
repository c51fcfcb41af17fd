# Sourced by scripts/devnet.sh for --demo: builds the tenant CLI and runs `depin demo` against the devnet just started
# (docs/devnet.md, README "Quick start"). Needs: $root, $state_dir, $log_dir, log(), fail().

# Sets $depin_cli: $DEPIN_CLI_DLL when given, else a Release publish in .devnet/bin/depin, redone when a source is newer.
build_cli() {
  if [[ -n "${DEPIN_CLI_DLL:-}" ]]; then
    [[ -f "$DEPIN_CLI_DLL" ]] || fail "DEPIN_CLI_DLL=$DEPIN_CLI_DLL does not exist"
    depin_cli=(dotnet "$DEPIN_CLI_DLL")
    return
  fi
  local out="$root/.devnet/bin/depin"
  if [[ ! -f "$out/depin.dll" ]] || [[ -n $(find "$root/src" "$root/Directory.Packages.props" -newer "$out/depin.dll" \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -print -quit) ]]; then
    log "publishing depin, the tenant CLI (log: $log_dir/build-cli.log)"
    dotnet publish "$root/src/TenantCli" -c Release -o "$out" >"$log_dir/build-cli.log" 2>&1 \
      || { tail -5 "$log_dir/build-cli.log" >&2; fail "depin did not build (log: $log_dir/build-cli.log)"; }
  fi
  depin_cli=(dotnet "$out/depin.dll")
}

# Runs the demo; its exit status is the devnet's (1 when a check failed).
run_demo() {
  echo
  log "running the failover demo: depin demo (chart: $state_dir/demo/demo.png)"
  DEPIN_CONFIG="$state_dir/cli-config.json" "${depin_cli[@]}" demo --devnet-dir "$state_dir" \
    --train-script "$root/samples/train/train.py" "$@"
}
