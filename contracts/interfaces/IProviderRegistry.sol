// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title DePinGpu provider registry
/// @notice Providers stake the stake token here, bind a hot operator key (which is also the node's libp2p identity),
/// heart-beat, and are slashed and jailed by the lease market.
/// @dev Identity: a provider is identified by its OWNER address (cold key: stake, unbond, withdraw, change operator,
/// unjail). The OPERATOR (hot key on the node) heart-beats here and places offers / acks / commits in the market.
/// One owner registers one provider; one operator serves one provider. Stake is in the registry's `stakeToken`.
/// Liveness lives here (not in the market): `heartbeat()` must stay under 30,000 gas whatever the provider's lease
/// count, which leaves room for exactly one storage slot keyed by the caller; see docs/protocol.md.
interface IProviderRegistry {
    // ------------------------------------------------------------------------------------------------------------
    // Types
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Everything known about one provider, in one call.
    struct ProviderInfo {
        address owner; // the provider id
        address operator; // hot key; address(0) only for unregistered providers
        bytes peerId; // libp2p peer id bytes: 0x0025 0802 1221 || 33-byte compressed secp256k1 key (39 bytes)
        string gpuModel; // e.g. "RTX4090"
        uint32 gpuCount;
        uint32 vramGb; // per GPU
        bytes metadataCid; // binary CID of the provider's metadata document (endpoints, region, ...)
        uint256 stake; // bonded stake (includes lockedStake)
        uint256 lockedStake; // part of stake backing offers, standby positions and leases (not unbondable)
        uint256 unbondingStake; // requested for withdrawal, still slashable until withdrawn
        uint64 registeredAt;
        uint64 lastHeartbeat; // unix seconds; registration counts as the first heartbeat
        bool jailed;
        uint64 jailedUntil; // unjail() allowed from this time on (only meaningful when jailed)
    }

    /// @notice One pending unbonding request.
    struct UnbondingEntry {
        uint256 amount;
        uint64 releaseAt; // withdrawUnbonded() pays it from this time on
    }

    /// @notice Every registry parameter, as deployed or last set.
    struct RegistryParameters {
        uint256 minStakePerGpu; // token wei per GPU
        uint64 unbondingPeriod; // seconds
        uint64 jailPeriod; // seconds
        uint64 heartbeatInterval; // seconds; guidance for nodes
        uint64 heartbeatTimeout; // seconds; a provider is live while lastHeartbeat + heartbeatTimeout >= now
    }

    // ------------------------------------------------------------------------------------------------------------
    // Events
    // ------------------------------------------------------------------------------------------------------------

    event ProviderRegistered(
        address indexed provider,
        address indexed operator,
        bytes peerId,
        string gpuModel,
        uint32 gpuCount,
        uint32 vramGb,
        bytes metadataCid,
        uint256 stake
    );
    event OperatorChanged(
        address indexed provider, address indexed previousOperator, address indexed newOperator, bytes peerId
    );
    event MetadataUpdated(address indexed provider, bytes metadataCid);
    event StakeAdded(address indexed provider, uint256 amount, uint256 stake);
    event UnbondRequested(address indexed provider, uint256 amount, uint64 releaseAt, uint256 stake);
    event UnbondedWithdrawn(address indexed provider, uint256 amount);
    event StakeLocked(address indexed provider, uint256 amount, uint256 lockedStake);
    event StakeUnlocked(address indexed provider, uint256 amount, uint256 lockedStake);
    /// @param fromUnbonding the part of `amount` taken from pending unbonding entries
    event ProviderSlashed(address indexed provider, uint256 amount, uint256 fromUnbonding, address indexed recipient);
    event ProviderJailed(address indexed provider, uint64 jailedUntil);
    event ProviderUnjailed(address indexed provider);
    event HeartbeatRecorded(address indexed provider);
    /// @param name the parameter getter's name as bytes32 (e.g. "heartbeatTimeout")
    event ParameterUpdated(bytes32 indexed name, uint256 previousValue, uint256 newValue);
    /// @notice A parameter change was scheduled; applyScheduledParameters() takes it from `effectiveAt` on.
    event RegistryParametersScheduled(RegistryParameters next, uint64 effectiveAt);
    /// @notice The scheduled change (that would have applied from `effectiveAt`) was withdrawn.
    event ScheduledParametersCancelled(uint64 effectiveAt);
    /// @notice `market` is now, for good, the only contract that may lock, unlock, slash and jail.
    event MarketBound(address indexed market);

    // ------------------------------------------------------------------------------------------------------------
    // Errors (every one carries the offending values)
    // ------------------------------------------------------------------------------------------------------------

    error ZeroAmount();
    error ZeroAddress(bytes32 what);
    error AmountTooLarge(uint256 amount, uint256 max);
    error AlreadyRegistered(address provider);
    error NotRegistered(address provider);
    error UnknownOperator(address operator);
    error OperatorInUse(address operator, address provider);
    error InvalidPublicKeyLength(uint256 length);
    error PublicKeyMismatch(address operator, address derived);
    error InvalidGpuCount(uint32 gpuCount, uint32 max);
    error InvalidVram(uint32 vramGb, uint32 max);
    error InvalidGpuModel(uint256 length, uint256 max);
    error InvalidCid(uint256 length, uint256 max);
    error InsufficientStake(uint256 stake, uint256 required);
    error InsufficientFreeStake(address provider, uint256 freeStake, uint256 required);
    error ProviderUnderStaked(address provider, uint256 stake, uint256 required);
    error LockedStakeUnderflow(address provider, uint256 lockedStake, uint256 amount);
    error ProviderIsJailed(address provider, uint64 jailedUntil);
    error ProviderNotJailed(address provider);
    error JailPeriodNotOver(address provider, uint64 jailedUntil);
    error NothingToWithdraw(address provider);
    error UnbondingQueueFull(address provider, uint256 maxEntries);
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max);
    error NoScheduledParameters();
    error ParametersNotYetEffective(uint64 effectiveAt);
    /// @notice The operator key did not sign OperatorBinding(owner) for the caller (`signer` is who did, if anyone).
    error InvalidOperatorSignature(address operator, address signer);
    error MarketAlreadyBound(address market);
    error MarketRegistryMismatch(address market, address marketRegistry);
    error NotMarket(address caller);

    // ------------------------------------------------------------------------------------------------------------
    // Owner (cold key)
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Registers the caller as a provider and pulls `stake` tokens (approve first).
    /// @param operator hot key of the node; must equal the address derived from `operatorPublicKey`
    /// @param operatorPublicKey 64-byte uncompressed secp256k1 public key (x || y, no 0x04 prefix)
    /// @param operatorSignature the operator key's 65-byte signature (r || s || v) of operatorBindingDigest(caller):
    /// EIP-712 OperatorBinding(address owner), domain ("DePinGpu ProviderRegistry", "1", chain id, this registry)
    /// @param gpuModel the GPU model name, 1..64 bytes
    /// @param gpuCount GPUs, 1..1024
    /// @param vramGb VRAM per GPU, 1..4096
    /// @param metadataCid binary CID of the provider's metadata document, 1..128 bytes
    /// @param stake tokens pulled from the caller; >= minStakePerGpu * gpuCount
    /// @dev Registration counts as the operator's first heartbeat.
    function register(
        address operator,
        bytes calldata operatorPublicKey,
        bytes calldata operatorSignature,
        string calldata gpuModel,
        uint32 gpuCount,
        uint32 vramGb,
        bytes calldata metadataCid,
        uint256 stake
    ) external;

    /// @notice Adds `amount` to the caller's bonded stake (approve first).
    function addStake(uint256 amount) external;

    /// @notice Moves `amount` of free (unlocked) stake into the unbonding queue; it stays slashable until withdrawn.
    function requestUnbond(uint256 amount) external;

    /// @notice Pays out every unbonding entry whose release time has passed. Reverts NothingToWithdraw if none.
    function withdrawUnbonded() external returns (uint256 amount);

    /// @notice Replaces the operator key (and therefore the peer id). The heartbeat time carries over.
    /// @param newOperator the new hot key's address
    /// @param newOperatorPublicKey its 64-byte uncompressed public key
    /// @param operatorSignature the new key's signature of operatorBindingDigest(caller), as for register
    function changeOperator(address newOperator, bytes calldata newOperatorPublicKey, bytes calldata operatorSignature)
        external;

    function updateMetadata(bytes calldata metadataCid) external;

    /// @notice Ends the caller's jail once `jailedUntil` has passed.
    function unjail() external;

    // ------------------------------------------------------------------------------------------------------------
    // Operator (hot key)
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Records the caller's (an operator's) heartbeat: one storage slot, independent of its lease count.
    function heartbeat() external;

    // ------------------------------------------------------------------------------------------------------------
    // Market (the bound market only; NotMarket otherwise)
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Locks `amount` of the operator's provider's free stake for an offer / standby / lease position.
    /// @dev Reverts UnknownOperator, ProviderIsJailed, ProviderUnderStaked or InsufficientFreeStake.
    /// @return provider the provider (owner) the operator serves
    /// @return gpuModelHash keccak256 of the provider's gpuModel
    /// @return gpuCount the provider's GPU count
    /// @return vramGb the provider's VRAM per GPU
    function lockStake(address operator, uint256 amount)
        external
        returns (address provider, bytes32 gpuModelHash, uint32 gpuCount, uint32 vramGb);

    function unlockStake(address provider, uint256 amount) external;

    /// @notice Takes up to `amount` from bonded stake, then from unbonding entries (newest first), and transfers it to
    /// the caller. Never more than the provider holds. @return slashed the amount actually taken
    function slash(address provider, uint256 amount) external returns (uint256 slashed);

    /// @notice Jails the provider until now + jailPeriod (never shortens an existing jail).
    function jail(address provider) external;

    // ------------------------------------------------------------------------------------------------------------
    // Parameters: scheduled by PARAMETER_ROLE, applied by anyone after PARAMETER_DELAY
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Schedules `next` (replacing any scheduled change); it can be applied PARAMETER_DELAY from now.
    /// Bounds (ParameterOutOfRange): minStakePerGpu [1, 1e30], unbondingPeriod and jailPeriod [60 s, 90 days],
    /// heartbeatInterval [1, 3600], heartbeatTimeout [2 * interval, 1 day].
    /// @param next every registry parameter as it should be after the change
    function scheduleParameters(RegistryParameters calldata next) external;

    /// @notice Withdraws the scheduled change (PARAMETER_ROLE). Reverts NoScheduledParameters if there is none.
    function cancelScheduledParameters() external;

    /// @notice Applies the scheduled change once its delay has passed (anyone); emits ParameterUpdated per field.
    function applyScheduledParameters() external;

    /// @notice The scheduled parameter change, if any.
    /// @return next the parameters that applyScheduledParameters would set
    /// @return effectiveAt earliest apply time; 0 when nothing is scheduled
    function scheduledParameters() external view returns (RegistryParameters memory next, uint64 effectiveAt);

    // ------------------------------------------------------------------------------------------------------------
    // Market binding
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Binds the one market that may lock, unlock, slash and jail (default admin, once, for good). The
    /// market must name this registry.
    /// @param market_ the LeaseMarket
    function bindMarket(address market_) external;

    /// @notice The bound market (address(0) until bindMarket).
    /// @return the market address
    function market() external view returns (address);

    /// @notice The EIP-712 digest an operator key signs to consent to serve `owner` (see register).
    /// @param owner the provider (owner address) the operator will serve
    /// @return digest the typed-data hash to sign
    function operatorBindingDigest(address owner) external view returns (bytes32 digest);

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    function stakeToken() external view returns (address);
    function parameters() external view returns (RegistryParameters memory);
    function minStakePerGpu() external view returns (uint256);
    function unbondingPeriod() external view returns (uint64);
    function jailPeriod() external view returns (uint64);
    function heartbeatInterval() external view returns (uint64);
    function heartbeatTimeout() external view returns (uint64);

    function getProvider(address provider) external view returns (ProviderInfo memory);
    function getUnbonding(address provider) external view returns (UnbondingEntry[] memory);
    function isRegistered(address provider) external view returns (bool);
    /// @return provider the provider the operator serves, address(0) if none
    function providerOfOperator(address operator) external view returns (address provider);
    function operatorOf(address provider) external view returns (address operator);
    function lastHeartbeat(address provider) external view returns (uint64);
    /// @notice lastHeartbeat + heartbeatTimeout >= now
    function isLive(address provider) external view returns (bool);
    function isJailed(address provider) external view returns (bool);
    /// @notice registered, not jailed and live: may be handed a lease as a standby
    function isEligible(address provider) external view returns (bool);
    function freeStake(address provider) external view returns (uint256);
    function providerCount() external view returns (uint256);
    function providerAt(uint256 index) external view returns (address);

    /// @notice libp2p peer id bytes of a 64-byte uncompressed secp256k1 public key.
    function peerIdOf(bytes calldata publicKey) external pure returns (bytes memory);
    /// @notice Ethereum address of a 64-byte uncompressed secp256k1 public key.
    function addressOf(bytes calldata publicKey) external pure returns (address);
}
