// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ILeaseMarket} from "./interfaces/ILeaseMarket.sol";
import {IProviderRegistry} from "./interfaces/IProviderRegistry.sol";
import {OperatorKeys} from "./libraries/OperatorKeys.sol";
import {RegistryParameterStore} from "./registry/RegistryParameterStore.sol";

/// @title DePinGpu provider registry
/// @notice Stake, operator identity (address + libp2p peer id), liveness, unbonding, jail and slashing.
/// See IProviderRegistry for the behaviour of every function.
/// @dev Governance: AccessControlDefaultAdminRules (two-step admin transfer after ADMIN_TRANSFER_DELAY); the
/// PARAMETER_ROLE schedules parameter changes of this registry and of the market, which wait PARAMETER_DELAY. The
/// one market that may lock, unlock, slash and jail is bound once (bindMarket) and can never change.
contract ProviderRegistry is RegistryParameterStore, AccessControlDefaultAdminRules, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant PARAMETER_ROLE = keccak256("PARAMETER_ROLE");
    /// @notice Initial delay of a default-admin transfer (the admin can change it, itself with a delay).
    uint48 public constant ADMIN_TRANSFER_DELAY = 2 days;
    /// @notice EIP-712 type the operator key signs to consent to serve `owner` (domain: this registry, chain id).
    bytes32 public constant OPERATOR_BINDING_TYPEHASH = keccak256("OperatorBinding(address owner)");

    uint32 public constant MAX_GPUS = 1024;
    uint32 public constant MAX_VRAM_GB = 4096;
    uint256 public constant MAX_GPU_MODEL_LENGTH = 64;
    uint256 public constant MAX_CID_LENGTH = 128;
    uint256 public constant MAX_UNBONDING_ENTRIES = 16;

    struct ProviderRecord {
        address operator;
        uint40 registeredAt;
        uint40 jailedUntil;
        bool jailed;
        uint128 stake;
        uint128 lockedStake;
        uint128 unbondingStake;
        uint32 gpuCount;
        uint32 vramGb;
        bytes32 gpuModelHash;
        bytes peerId;
        string gpuModel;
        bytes metadataCid;
    }

    /// @dev The heartbeat slot: one word per operator, so heartbeat() reads and writes exactly one slot.
    struct OperatorRecord {
        address provider;
        uint40 lastHeartbeat;
    }

    struct UnbondingRecord {
        uint128 amount;
        uint40 releaseAt;
    }

    IERC20 private immutable _stakeToken;
    address private _market;
    mapping(address provider => ProviderRecord) private _providers;
    mapping(address operator => OperatorRecord) private _operators;
    mapping(address provider => UnbondingRecord[]) private _unbonding;
    address[] private _providerList;

    /// @param token the stake (and payment) token
    /// @param initial the parameters in force from deployment
    /// @param admin the default admin (also granted PARAMETER_ROLE)
    constructor(IERC20 token, RegistryParameters memory initial, address admin)
        AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin)
        EIP712("DePinGpu ProviderRegistry", "1")
    {
        if (address(token) == address(0)) revert ZeroAddress("stakeToken");
        _stakeToken = token;
        _grantRole(PARAMETER_ROLE, admin);
        _initializeParameters(initial);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Owner
    // ------------------------------------------------------------------------------------------------------------

    function register(
        address operator,
        bytes calldata operatorPublicKey,
        bytes calldata operatorSignature,
        string calldata gpuModel,
        uint32 gpuCount,
        uint32 vramGb,
        bytes calldata metadataCid,
        uint256 stake
    ) external nonReentrant {
        if (_providers[msg.sender].operator != address(0)) revert AlreadyRegistered(msg.sender);
        bytes memory peerId = _checkOperator(operator, operatorPublicKey, operatorSignature);
        _checkProfile(gpuModel, gpuCount, vramGb, metadataCid);
        uint256 required = _minStakePerGpu * gpuCount;
        if (stake < required) revert InsufficientStake(stake, required);
        _requireAmount(stake);
        _storeProvider(operator, peerId, gpuModel, gpuCount, vramGb, metadataCid, stake);
        _stakeToken.safeTransferFrom(msg.sender, address(this), stake);
    }

    function addStake(uint256 amount) external nonReentrant {
        ProviderRecord storage record = _registered(msg.sender);
        _requireAmount(amount);
        uint256 newStake = uint256(record.stake) + amount;
        _requireAmount(newStake);
        record.stake = uint128(newStake);
        emit StakeAdded(msg.sender, amount, newStake);
        _stakeToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    function requestUnbond(uint256 amount) external {
        ProviderRecord storage record = _registered(msg.sender);
        if (amount == 0) revert ZeroAmount();
        uint256 free = _free(record);
        if (amount > free) revert InsufficientFreeStake(msg.sender, free, amount);
        UnbondingRecord[] storage queue = _unbonding[msg.sender];
        if (queue.length >= MAX_UNBONDING_ENTRIES) revert UnbondingQueueFull(msg.sender, MAX_UNBONDING_ENTRIES);

        // unchecked: amount <= free <= stake, and unbondingStake + amount <= total supply of a uint128-bounded stake.
        unchecked {
            record.stake -= uint128(amount);
        }
        record.unbondingStake += uint128(amount);
        uint40 releaseAt = uint40(block.timestamp + _unbondingPeriod);
        queue.push(UnbondingRecord({amount: uint128(amount), releaseAt: releaseAt}));
        emit UnbondRequested(msg.sender, amount, releaseAt, record.stake);
    }

    function withdrawUnbonded() external nonReentrant returns (uint256 amount) {
        ProviderRecord storage record = _registered(msg.sender);
        amount = _removeMatured(_unbonding[msg.sender]);
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        record.unbondingStake -= uint128(amount);
        emit UnbondedWithdrawn(msg.sender, amount);
        _stakeToken.safeTransfer(msg.sender, amount);
    }

    function changeOperator(address newOperator, bytes calldata newOperatorPublicKey, bytes calldata operatorSignature)
        external
    {
        ProviderRecord storage record = _registered(msg.sender);
        bytes memory peerId = _checkOperator(newOperator, newOperatorPublicKey, operatorSignature);
        address previous = record.operator;
        uint40 heartbeatAt = _operators[previous].lastHeartbeat;
        delete _operators[previous];
        _operators[newOperator] = OperatorRecord({provider: msg.sender, lastHeartbeat: heartbeatAt});
        record.operator = newOperator;
        record.peerId = peerId;
        emit OperatorChanged(msg.sender, previous, newOperator, peerId);
    }

    function updateMetadata(bytes calldata metadataCid) external {
        ProviderRecord storage record = _registered(msg.sender);
        _checkCid(metadataCid);
        record.metadataCid = metadataCid;
        emit MetadataUpdated(msg.sender, metadataCid);
    }

    function unjail() external {
        ProviderRecord storage record = _registered(msg.sender);
        if (!record.jailed) revert ProviderNotJailed(msg.sender);
        if (block.timestamp < record.jailedUntil) revert JailPeriodNotOver(msg.sender, record.jailedUntil);
        record.jailed = false;
        emit ProviderUnjailed(msg.sender);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Operator
    // ------------------------------------------------------------------------------------------------------------

    function heartbeat() external {
        OperatorRecord storage record = _operators[msg.sender];
        address provider = record.provider;
        if (provider == address(0)) revert UnknownOperator(msg.sender);
        record.lastHeartbeat = uint40(block.timestamp);
        emit HeartbeatRecorded(provider);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Market
    // ------------------------------------------------------------------------------------------------------------

    function lockStake(address operator, uint256 amount)
        external
        onlyMarket
        returns (address provider, bytes32 gpuModelHash, uint32 gpuCount, uint32 vramGb)
    {
        provider = _operators[operator].provider;
        if (provider == address(0)) revert UnknownOperator(operator);
        ProviderRecord storage record = _providers[provider];
        if (record.jailed) revert ProviderIsJailed(provider, record.jailedUntil);
        uint256 required = _minStakePerGpu * record.gpuCount;
        if (record.stake < required) revert ProviderUnderStaked(provider, record.stake, required);
        uint256 free = _free(record);
        if (amount > free) revert InsufficientFreeStake(provider, free, amount);
        // amount <= free <= stake < 2^128, so the sum stays within the stake and fits uint128.
        uint128 locked = record.lockedStake + uint128(amount);
        record.lockedStake = locked;
        emit StakeLocked(provider, amount, locked);
        return (provider, record.gpuModelHash, record.gpuCount, record.vramGb);
    }

    function unlockStake(address provider, uint256 amount) external onlyMarket {
        ProviderRecord storage record = _registered(provider);
        uint256 locked = record.lockedStake;
        if (amount > locked) revert LockedStakeUnderflow(provider, locked, amount);
        // unchecked: amount <= locked was checked just above.
        unchecked {
            locked -= amount;
        }
        record.lockedStake = uint128(locked);
        emit StakeUnlocked(provider, amount, locked);
    }

    function slash(address provider, uint256 amount) external onlyMarket nonReentrant returns (uint256) {
        ProviderRecord storage record = _registered(provider);
        if (amount == 0) revert ZeroAmount();
        uint256 fromStake = amount < record.stake ? amount : record.stake;
        // unchecked: fromStake <= record.stake by construction.
        unchecked {
            record.stake -= uint128(fromStake);
        }
        uint256 fromUnbonding = fromStake < amount ? _slashUnbonding(provider, record, amount - fromStake) : 0;
        uint256 slashed = fromStake + fromUnbonding;
        if (slashed == 0) return 0;
        emit ProviderSlashed(provider, slashed, fromUnbonding, msg.sender);
        _stakeToken.safeTransfer(msg.sender, slashed);
        return slashed;
    }

    function jail(address provider) external onlyMarket {
        ProviderRecord storage record = _registered(provider);
        uint40 until = uint40(block.timestamp + _jailPeriod);
        if (record.jailed && record.jailedUntil > until) until = record.jailedUntil;
        record.jailed = true;
        record.jailedUntil = until;
        emit ProviderJailed(provider, until);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Parameters
    // ------------------------------------------------------------------------------------------------------------

    function scheduleParameters(RegistryParameters calldata next) external onlyRole(PARAMETER_ROLE) {
        _scheduleParameters(next);
    }

    function cancelScheduledParameters() external onlyRole(PARAMETER_ROLE) {
        _cancelScheduledParameters();
    }

    function applyScheduledParameters() external {
        _applyScheduledParameters();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Market binding (once)
    // ------------------------------------------------------------------------------------------------------------

    function bindMarket(address market_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_market != address(0)) revert MarketAlreadyBound(_market);
        if (market_ == address(0)) revert ZeroAddress("market");
        address marketRegistry = ILeaseMarket(market_).registry();
        if (marketRegistry != address(this)) revert MarketRegistryMismatch(market_, marketRegistry);
        _market = market_;
        emit MarketBound(market_);
    }

    function market() external view returns (address) {
        return _market;
    }

    modifier onlyMarket() {
        if (msg.sender != _market || msg.sender == address(0)) revert NotMarket(msg.sender);
        _;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    function stakeToken() external view returns (address) {
        return address(_stakeToken);
    }

    function getProvider(address provider) external view returns (ProviderInfo memory info) {
        ProviderRecord storage record = _providers[provider];
        if (record.operator == address(0)) return info;
        info.owner = provider;
        info.operator = record.operator;
        info.peerId = record.peerId;
        info.gpuModel = record.gpuModel;
        info.gpuCount = record.gpuCount;
        info.vramGb = record.vramGb;
        info.metadataCid = record.metadataCid;
        info.stake = record.stake;
        info.lockedStake = record.lockedStake;
        info.unbondingStake = record.unbondingStake;
        info.registeredAt = record.registeredAt;
        info.lastHeartbeat = _operators[record.operator].lastHeartbeat;
        info.jailed = record.jailed;
        info.jailedUntil = record.jailedUntil;
    }

    function getUnbonding(address provider) external view returns (UnbondingEntry[] memory entries) {
        UnbondingRecord[] storage queue = _unbonding[provider];
        entries = new UnbondingEntry[](queue.length);
        for (uint256 i = 0; i < queue.length; ++i) {
            entries[i] = UnbondingEntry({amount: queue[i].amount, releaseAt: queue[i].releaseAt});
        }
    }

    function isRegistered(address provider) public view returns (bool) {
        return _providers[provider].operator != address(0);
    }

    function providerOfOperator(address operator) external view returns (address) {
        return _operators[operator].provider;
    }

    function operatorOf(address provider) external view returns (address) {
        return _providers[provider].operator;
    }

    function lastHeartbeat(address provider) public view returns (uint64) {
        address operator = _providers[provider].operator;
        return operator == address(0) ? 0 : _operators[operator].lastHeartbeat;
    }

    function isLive(address provider) public view returns (bool) {
        return isRegistered(provider) && lastHeartbeat(provider) + _heartbeatTimeout >= block.timestamp;
    }

    function isJailed(address provider) external view returns (bool) {
        return _providers[provider].jailed;
    }

    function isEligible(address provider) external view returns (bool) {
        return isLive(provider) && !_providers[provider].jailed;
    }

    function freeStake(address provider) external view returns (uint256) {
        return _free(_providers[provider]);
    }

    function providerCount() external view returns (uint256) {
        return _providerList.length;
    }

    function providerAt(uint256 index) external view returns (address) {
        return _providerList[index];
    }

    function operatorBindingDigest(address owner) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(OPERATOR_BINDING_TYPEHASH, owner)));
    }

    function peerIdOf(bytes calldata publicKey) external pure returns (bytes memory) {
        return OperatorKeys.toPeerId(publicKey);
    }

    function addressOf(bytes calldata publicKey) external pure returns (address) {
        return OperatorKeys.toAddress(publicKey);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Writes a new provider record and binds its operator (register's effects, apart for the stack limit).
    function _storeProvider(
        address operator,
        bytes memory peerId,
        string calldata gpuModel,
        uint32 gpuCount,
        uint32 vramGb,
        bytes calldata metadataCid,
        uint256 stake
    ) private {
        ProviderRecord storage record = _providers[msg.sender];
        record.operator = operator;
        record.registeredAt = uint40(block.timestamp);
        record.stake = uint128(stake);
        record.gpuCount = gpuCount;
        record.vramGb = vramGb;
        record.gpuModelHash = keccak256(bytes(gpuModel));
        record.peerId = peerId;
        record.gpuModel = gpuModel;
        record.metadataCid = metadataCid;
        _operators[operator] = OperatorRecord({provider: msg.sender, lastHeartbeat: uint40(block.timestamp)});
        _providerList.push(msg.sender);
        emit ProviderRegistered(msg.sender, operator, peerId, gpuModel, gpuCount, vramGb, metadataCid, stake);
    }

    function _registered(address provider) private view returns (ProviderRecord storage record) {
        record = _providers[provider];
        if (record.operator == address(0)) revert NotRegistered(provider);
    }

    function _free(ProviderRecord storage record) private view returns (uint256) {
        uint256 stake = record.stake;
        uint256 locked = record.lockedStake;
        return stake > locked ? stake - locked : 0;
    }

    /// @dev Validates a new operator (non-zero, unused, matching its public key, consenting to serve the caller by
    /// its EIP-712 signature, so nobody can bind another node's public key: issue 11 F6) and returns its peer id.
    function _checkOperator(address operator, bytes calldata publicKey, bytes calldata signature)
        private
        view
        returns (bytes memory)
    {
        if (operator == address(0)) revert ZeroAddress("operator");
        address inUseBy = _operators[operator].provider;
        if (inUseBy != address(0)) revert OperatorInUse(operator, inUseBy);
        address derived = OperatorKeys.toAddress(publicKey);
        if (derived != operator) revert PublicKeyMismatch(operator, derived);
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(operatorBindingDigest(msg.sender), signature);
        if (error != ECDSA.RecoverError.NoError || signer != operator) revert InvalidOperatorSignature(operator, signer);
        return OperatorKeys.toPeerId(publicKey);
    }

    function _checkProfile(string calldata gpuModel, uint32 gpuCount, uint32 vramGb, bytes calldata metadataCid)
        private
        pure
    {
        uint256 modelLength = bytes(gpuModel).length;
        if (modelLength == 0 || modelLength > MAX_GPU_MODEL_LENGTH) {
            revert InvalidGpuModel(modelLength, MAX_GPU_MODEL_LENGTH);
        }
        if (gpuCount == 0 || gpuCount > MAX_GPUS) revert InvalidGpuCount(gpuCount, MAX_GPUS);
        if (vramGb == 0 || vramGb > MAX_VRAM_GB) revert InvalidVram(vramGb, MAX_VRAM_GB);
        _checkCid(metadataCid);
    }

    function _checkCid(bytes calldata cid) private pure {
        if (cid.length == 0 || cid.length > MAX_CID_LENGTH) revert InvalidCid(cid.length, MAX_CID_LENGTH);
    }

    function _requireAmount(uint256 amount) private pure {
        if (amount == 0) revert ZeroAmount();
        if (amount > type(uint128).max) revert AmountTooLarge(amount, type(uint128).max);
    }

    /// @dev Removes every matured entry (order of the rest is kept) and returns their sum.
    function _removeMatured(UnbondingRecord[] storage queue) private returns (uint256 total) {
        uint256 kept = 0;
        uint256 length = queue.length;
        for (uint256 i = 0; i < length; ++i) {
            UnbondingRecord memory entry = queue[i];
            if (entry.releaseAt <= block.timestamp) {
                total += entry.amount;
            } else {
                if (kept != i) queue[kept] = entry;
                ++kept;
            }
        }
        while (queue.length > kept) queue.pop();
    }

    /// @dev Takes up to `amount` from unbonding entries, newest first, so a pending fault cannot be escaped by
    /// requesting an unbond before it is reported.
    function _slashUnbonding(address provider, ProviderRecord storage record, uint256 amount)
        private
        returns (uint256 taken)
    {
        UnbondingRecord[] storage queue = _unbonding[provider];
        while (taken < amount && queue.length > 0) {
            UnbondingRecord storage last = queue[queue.length - 1];
            uint256 want = amount - taken;
            if (last.amount <= want) {
                taken += last.amount;
                queue.pop();
            } else {
                // unchecked: want < last.amount.
                unchecked {
                    last.amount -= uint128(want);
                }
                taken = amount;
            }
        }
        record.unbondingStake -= uint128(taken);
    }
}
