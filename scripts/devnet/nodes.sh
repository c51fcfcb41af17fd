# Sourced by scripts/devnet.sh: the provider nodes, the verifier, the CLI config and the summary.
# Needs: $root, $state_dir, $log_dir, $providers, $runtime, $rpc, $deployment, $summary (deploy.mjs's JSON),
# $depin_node (command array), tools(), log(), fail(), start_process().

json_field() { "$node" -e 'const v=process.argv[2].split(".").reduce((o,k)=>o[k],JSON.parse(process.argv[1]));console.log(typeof v==="object"?JSON.stringify(v):v)' "$1" "$2"; }

# run_logged NAME COMMAND...: runs a one-shot step with its output in $log_dir/NAME.log; on failure prints its last
# lines (depin-node's errors are one sentence) and stops the devnet.
run_logged() {
  local name=$1
  shift
  if ! "$@" >"$log_dir/$name.log" 2>&1; then
    tail -3 "$log_dir/$name.log" >&2
    fail "$name failed (log: $log_dir/$name.log)"
  fi
  cat "$log_dir/$name.log"
}

start_nodes() {
  password_file="$state_dir/password"
  (umask 077 && echo "devnet-password-$(date +%s)" >"$password_file")
  local heartbeat stake ports i name dir init api p2p owner bootstrap=""
  heartbeat=$(json_field "$summary" parameters.heartbeatInterval)
  stake=$("$node" -e 'console.log((BigInt(process.argv[1]) * 4n).toString())' "$(json_field "$summary" parameters.minStakePerGpu)")
  mapfile -t ports < <(tools free-ports $((providers * 2)))
  node_names=() node_owners=() node_operators=() node_peers=() node_apis=() node_p2p=()
  for i in $(seq 1 "$providers"); do
    name=provider-$i
    dir="$state_dir/nodes/$name"
    api="http://127.0.0.1:${ports[$(((i - 1) * 2))]}/"
    p2p=${ports[$(((i - 1) * 2 + 1))]}
    log "$name: init, register (owner: dev account $i, stake $stake wei), run"
    init=$(run_logged "$name-init" "${depin_node[@]}" init --data-dir "$dir" --password-file "$password_file" --light-kdf -o json)
    tools node-config "$dir/config.json" "$("$node" -e 'console.log(JSON.stringify({role:"provider",name:process.argv[1],dataDirectory:process.argv[2],keystore:process.argv[2]+"/operator.keystore.json",passwordFile:process.argv[3],rpcUrl:process.argv[4],deployment:process.argv[5],apiUrl:process.argv[6],libp2pPort:+process.argv[7],heartbeatSeconds:+process.argv[8],price:String(1000*+process.argv[9]),runtime:process.argv[10],bootstrap:process.argv[11]||undefined}))' \
      "devnet-$name" "$dir" "$password_file" "$rpc" "$deployment" "$api" "$p2p" "$heartbeat" "$i" "$runtime" "$bootstrap")"
    owner=$(tools keystore "$i" "$dir/owner.keystore.json" "$password_file")
    tools set-balance "$rpc" "$(json_field "$init" operatorAddress)"
    run_logged "$name-register" "${depin_node[@]}" register --config "$dir/config.json" --owner-keystore "$dir/owner.keystore.json" \
      --owner-password-file "$password_file" --stake "$stake" -o json >/dev/null
    start_process "$name" "${depin_node[@]}" run --config "$dir/config.json"
    node_names+=("$name") node_owners+=("$owner") node_operators+=("$(json_field "$init" operatorAddress)")
    node_peers+=("$(json_field "$init" peerId)") node_apis+=("$api") node_p2p+=("/ip4/127.0.0.1/tcp/$p2p")
    # Each node bootstraps to every node before it (a full mesh): with a star around provider-1, killing provider-1
    # left the others unconnected, so the remaining standby never replicated the new provider's checkpoints.
    bootstrap="${bootstrap:+$bootstrap,}/ip4/127.0.0.1/tcp/$p2p/p2p/$(json_field "$init" peerId)"
  done
  start_verifier
  wait_until_up
  write_cli_config
}

start_verifier() {
  local dir="$state_dir/verifier" init
  log "verifier: init (a fresh key with ether, no stake), verify"
  init=$(run_logged verifier-init "${depin_node[@]}" init --data-dir "$dir" --password-file "$password_file" --light-kdf -o json)
  verifier_address=$(json_field "$init" operatorAddress)
  tools node-config "$dir/config.json" "$("$node" -e 'console.log(JSON.stringify({role:"verifier",dataDirectory:process.argv[1],keystore:process.argv[1]+"/operator.keystore.json",passwordFile:process.argv[2],rpcUrl:process.argv[3],deployment:process.argv[4]}))' \
    "$dir" "$password_file" "$rpc" "$deployment")"
  tools set-balance "$rpc" "$verifier_address"
  start_process verifier "${depin_node[@]}" verify --config "$dir/config.json"
}

wait_until_up() {
  local i
  for i in "${!node_names[@]}"; do
    local up=false name=${node_names[$i]}
    for _ in $(seq 1 90); do
      tools wait-status "${node_apis[$i]}" 2 2>/dev/null && { up=true; break; }
      alive "$name" || { tail -5 "$log_dir/$name.log" >&2; fail "$name exited during start-up (log: $log_dir/$name.log)"; }
    done
    $up || fail "$name did not answer on ${node_apis[$i]} within 3 minutes (log: $log_dir/$name.log)"
  done
  for _ in $(seq 1 1800); do
    grep -q "Verifier started" "$log_dir/verifier.log" 2>/dev/null && break
    alive verifier || { tail -5 "$log_dir/verifier.log" >&2; fail "the verifier exited (log: $log_dir/verifier.log)"; }
    sleep 0.1
  done
  grep -q "Verifier started" "$log_dir/verifier.log" || fail "the verifier did not start (log: $log_dir/verifier.log)"
  tools wait-heartbeats "$rpc" "$deployment" 120 "${node_owners[@]}" || fail "not every provider heart-beats on-chain (logs: $log_dir)"
}

# The tenant CLI's config; ~/.depin/config.json only when absent or written by a devnet before (its marker file).
write_cli_config() {
  local wallets="$state_dir/wallets" cli="$state_dir/cli-config.json" home_config="$HOME/.depin/config.json" gateways
  tenant_address=$(tools keystore 9 "$wallets/devnet-tenant.json" "$password_file")
  gateways=$(printf '%s\n' "${node_apis[@]%/}" | "$node" -e 'console.log(JSON.stringify(require("fs").readFileSync(0,"utf8").trim().split("\n")))')
  tools cli-config "$cli" "{\"rpcUrl\":\"$rpc\",\"chainId\":31337,\"deployment\":\"$deployment\",\"walletDirectory\":\"$wallets\",\"wallet\":\"devnet-tenant\",\"passwordFile\":\"$password_file\",\"gateways\":$gateways}"
  if [[ ! -e "$home_config" || -e "$home_config.devnet" ]]; then
    mkdir -p "$(dirname "$home_config")"
    cp "$cli" "$home_config"
    echo "written by scripts/devnet.sh ($state_dir) at $(date -u +%FT%TZ); a devnet may overwrite $home_config while this file exists" >"$home_config.devnet"
    cli_config_note="$cli (also copied to $home_config: depin works with no flags)"
  else
    cli_config_note="$cli ($home_config was not written by a devnet and was left alone: use DEPIN_CONFIG=$cli)"
  fi
}

print_summary() {
  "$node" - "$summary" <<'EOF'
const d = JSON.parse(process.argv[2]);
const p = d.parameters;
console.log(`
DePinGpu devnet is up
  RPC                 ${d.rpcUrl} (chain id ${d.chainId})
  deployment file     ${d.file}
  stake token         ${d.contracts.stakeToken}  (DevToken, mintable, ERC-2612 permit)
  ProviderRegistry    ${d.contracts.registry}
  LeaseMarket         ${d.contracts.market}  (extension ${d.marketExtension})
  parameters          heartbeat ${p.heartbeatInterval} s, timeout ${p.heartbeatTimeout} s, start deadline ${p.startDeadline} s,
                      slash ${p.slashBps} bps, finder fee ${p.finderFeeBps} bps, min stake ${BigInt(p.minStakePerGpu) / 10n ** 18n} tokens per GPU`);
EOF
  echo "  runtime             $runtime"
  echo
  echo "Nodes (owner = dev account n; each runs depin-node run with Verifier:Enabled=false, so the one verifier's fees are easy to follow)"
  local i
  for i in "${!node_names[@]}"; do
    echo "  ${node_names[$i]}  API ${node_apis[$i]}  peer ${node_peers[$i]}"
    echo "              owner ${node_owners[$i]}  operator ${node_operators[$i]}  libp2p ${node_p2p[$i]}"
    echo "              log $log_dir/${node_names[$i]}.log  config $state_dir/nodes/${node_names[$i]}/config.json"
  done
  echo "  verifier    account $verifier_address (depin-node verify)  log $log_dir/verifier.log"
  echo "  anvil       log $log_dir/anvil.log"
  echo
  echo "Tenant: wallet devnet-tenant = dev account 9 ($tenant_address), 1,000,000 tokens"
  echo "  CLI config  $cli_config_note"
  echo
  echo "Try next:"
  echo "  depin providers                         the ${#node_names[@]} providers, live"
  echo "  tail -f $log_dir/verifier.log     watch the verifier; kill -9 a provider's pid ($state_dir/pids) to see it reported"
  echo "  curl ${node_apis[0]}status"
}
