// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";
import {MarketParameterStore} from "./MarketParameterStore.sol";
import {OfferBook, OFFER_BOOK_SIZE} from "../libraries/OfferBook.sol";

/// @title Market storage layout and read-only views
/// @dev The layout is shaped by the gas bounds in docs/gas.md: the fields a provider call needs (provider, epoch,
/// state, kind, settledUntil) share one word, the last checkpoint (digest, step, time) shares another, and the
/// standby queue is a packed list of offer-book indices inside the order.
abstract contract MarketStorage is MarketParameterStore {
    uint256 public constant MAX_CID_LENGTH = 128;
    uint256 public constant MAX_GPU_MODEL_LENGTH = 64;
    uint256 public constant MAX_REPLICAS = 16;
    uint256 public constant MAX_STANDBYS = 8;
    uint256 public constant MAX_GPUS_PER_REPLICA = 1024;
    uint256 public constant MIN_DURATION = 60;
    uint256 public constant MAX_DURATION = 365 days;
    uint256 public constant MAX_BID_WINDOW = 7 days;
    uint256 public constant MAX_BATCH = 32;
    /// @dev checkpoint steps are stored in 56 bits next to the digest and the time
    uint64 public constant MAX_STEP = type(uint56).max;

    struct OrderRecord {
        // word 0
        address tenant;
        OrderKind kind;
        OrderState state;
        uint8 replicas;
        uint8 standbys;
        uint8 offerCount;
        uint8 leaseCount;
        uint8 openLeases;
        uint8 standbyHead; // next queue position to promote
        uint8 standbyCount; // queue length fixed at finalize
        uint16 gpusPerReplica;
        // word 1
        uint80 maxPricePerSecond;
        uint40 maxDuration;
        uint40 bidWindow;
        uint40 bidDeadline;
        uint40 createdAt;
        // word 2
        uint128 escrow;
        uint128 stakePerPosition;
        // word 3
        uint64 firstLeaseId;
        uint64 standbyQueue; // 4-bit offer-book indices, position 0 in the low nibble
        uint32 minVramGb;
        uint24 offerSequence; // saturates at OfferBook.MAX_SEQUENCE (see placeOffer)
        uint72 replacementPriceCap; // highest price of the book at finalize: offerReplacement never pays more
        // word 4: the economic parameters as they were when the order was created (they govern its leases)
        LeaseTerms terms;
        // word 5..
        bytes32 gpuModelHash; // 0 = any model
        bytes specCid;
        string gpuModel;
    }

    /// @dev Snapshot of the parameters that decide what a lease pays and costs, taken at order creation so no later
    /// parameter change can alter the economics of an existing lease (issue 11 A2, A3).
    struct LeaseTerms {
        uint32 startDeadline;
        uint32 heartbeatTimeout;
        uint16 slashBps;
        uint16 minorSlashBps;
        uint16 finderFeeBps;
        uint16 protocolFeeBps;
    }

    struct LeaseRecord {
        // word 0: everything a provider call checks
        address provider;
        uint32 epoch;
        LeaseState state;
        OrderKind kind;
        uint40 settledUntil;
        bool checkpointedInEpoch; // the current holder committed a checkpoint (steps then strictly increase)
        // word 1
        uint80 pricePerSecond;
        uint64 orderId;
        uint40 assignedAt;
        uint40 startedAt;
        uint16 slot;
        uint16 closeReason;
        // word 2
        uint128 escrow;
        uint40 endsAt;
        uint40 reassignDeadline;
        // word 3: last checkpoint
        bytes20 checkpointDigest;
        uint56 checkpointStep;
        uint40 checkpointAt;
    }

    IProviderRegistry internal immutable _registry;
    IERC20 internal immutable _token;

    uint256 internal _orderCount;
    uint256 internal _leaseCount;
    mapping(uint256 orderId => OrderRecord) internal _orders;
    mapping(uint256 orderId => uint256[OFFER_BOOK_SIZE]) internal _offerBooks;
    mapping(uint256 leaseId => LeaseRecord) internal _leases;
    mapping(address account => uint256) internal _withdrawable;
    /// @dev Providers that released, timed out or were reported on a lease of the order: they cannot take one back.
    mapping(uint256 orderId => mapping(address provider => bool)) internal _excluded;

    constructor(IProviderRegistry registry_) {
        if (address(registry_) == address(0)) revert ZeroAddress("registry");
        _registry = registry_;
        _token = IERC20(registry_.stakeToken());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal reads
    // ------------------------------------------------------------------------------------------------------------

    function _existingOrder(uint256 orderId) internal view returns (OrderRecord storage order) {
        order = _orders[orderId];
        if (order.state == OrderState.None) revert OrderNotFound(orderId);
    }

    function _existingLease(uint256 leaseId) internal view returns (LeaseRecord storage lease) {
        lease = _leases[leaseId];
        if (lease.state == LeaseState.None) revert LeaseNotFound(leaseId);
    }

    /// @dev A lease is live while max(provider's last heartbeat, lease start) + heartbeatTimeout >= now: a provider
    /// that just acknowledged is not reportable before it had a chance to heart-beat. The timeout is the order's.
    function _liveUntil(LeaseRecord storage lease) internal view returns (uint256) {
        return _activeSince(lease) + _orders[lease.orderId].terms.heartbeatTimeout;
    }

    /// @dev What reportMissedHeartbeat accepts: Running, silent past its timeout, and the silence began before the
    /// lease's end. Every exit of such a lease settles the fault first (issue 11 F1, F2, F4).
    function _isReportable(LeaseRecord storage lease) internal view returns (bool) {
        if (lease.state != LeaseState.Running) return false;
        uint256 liveUntil = _liveUntil(lease);
        return block.timestamp > liveUntil && liveUntil < lease.endsAt;
    }

    function _activeSince(LeaseRecord storage lease) internal view returns (uint256) {
        uint256 heartbeatAt = _registry.lastHeartbeat(lease.provider);
        uint256 startedAt = lease.startedAt;
        return heartbeatAt > startedAt ? heartbeatAt : startedAt;
    }

    /// @dev How far a Running lease may be paid without a final close: the last checkpoint (Stateful) or the last
    /// heartbeat (Stateless), never past now or endsAt. A report settles to exactly this, so mid-lease settlement
    /// can never pay a provider for work the tenant later loses.
    function _faultCutoff(LeaseRecord storage lease) internal view returns (uint256 cutoff) {
        cutoff = lease.kind == OrderKind.Stateful ? lease.checkpointAt : _activeSince(lease);
        cutoff = _capToNow(lease, cutoff);
    }

    /// @dev Final settlement on a tenant close, expiry or insufficient funds: through the provider's last sign of
    /// life (heartbeat, start or checkpoint), never past now or endsAt.
    function _finalCutoff(LeaseRecord storage lease) internal view returns (uint256 cutoff) {
        cutoff = _activeSince(lease);
        if (lease.checkpointAt > cutoff) cutoff = lease.checkpointAt;
        cutoff = _capToNow(lease, cutoff);
    }

    /// @dev One call site for each registry call keeps the market under the 24 KiB code size limit.
    function _unlock(address provider, uint256 amount) internal {
        _registry.unlockStake(provider, amount);
    }

    function _providerOf(address operator) internal view returns (address) {
        return _registry.providerOfOperator(operator);
    }

    function _capToNow(LeaseRecord storage lease, uint256 time) internal view returns (uint256) {
        if (time > block.timestamp) time = block.timestamp;
        if (time > lease.endsAt) time = lease.endsAt;
        return time;
    }

    function _remainingStandbys(uint256 orderId, OrderRecord storage order)
        internal
        view
        returns (uint256[] memory entries)
    {
        if (order.state != OrderState.Finalized) return entries;
        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        uint64 queue = order.standbyQueue;
        entries = new uint256[](order.standbyCount - order.standbyHead);
        uint256 found = 0;
        for (uint256 position = order.standbyHead; position < order.standbyCount; ++position) {
            uint256 entry = book[OfferBook.queueAt(queue, position)];
            if (entry != 0) entries[found++] = entry;
        }
        // shrink to the entries still present (standbys that left are zeroed in the book)
        assembly ("memory-safe") {
            mstore(entries, found)
        }
    }
}
