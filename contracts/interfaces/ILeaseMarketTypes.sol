// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title DePinGpu lease market: types, events and errors
/// @notice Shared by ILeaseMarket (the functions) and the two code halves of the market (LeaseMarket and
/// LeaseMarketExtension). See ILeaseMarket for the conventions.
interface ILeaseMarketTypes {
    // ------------------------------------------------------------------------------------------------------------
    // Types
    // ------------------------------------------------------------------------------------------------------------

    enum OrderKind {
        Stateful, // batch job with checkpoints; settles to the last checkpoint on a fault
        Stateless // service replicas; settles to the last heartbeat on a fault
    }

    enum OrderState {
        None,
        Open, // accepting offers until bidDeadline, then until finalized
        Finalized, // leases exist, at least one not closed
        Cancelled, // cancelled by the tenant before finalize, escrow refunded
        Closed // every lease closed, standbys released
    }

    enum LeaseState {
        None,
        Assigned, // a provider holds the lease at `epoch` and must ackLease before ackDeadline
        Running, // acknowledged; accrues pricePerSecond from startedAt
        Reassigning, // no provider; open for offerReplacement until reassignDeadline
        Closed
    }

    /// @notice What a tenant asks for. `escrow` >= replicas * maxPricePerSecond * minPrepaidSeconds.
    struct OrderRequest {
        bytes specCid; // job spec on IPFS
        OrderKind kind;
        string gpuModel; // "" = any model
        uint32 minVramGb; // 0 = any
        uint16 gpusPerReplica; // 1..1024
        uint8 replicas; // 1..16, replicas + standbys <= 16
        uint8 standbys; // 0..8 runner-up providers kept in reserve (PROTOCOL default 2)
        uint256 maxPricePerSecond; // per replica, token wei; 1..2^72-1
        uint64 maxDuration; // seconds, 60..365 days; leases end at finalize time + maxDuration
        uint64 bidWindow; // seconds, 1..7 days; also the offer window when a lease reopens
        uint256 escrow; // token wei pulled from the caller (approve first, or use the permit variant)
    }

    struct OrderInfo {
        uint256 orderId;
        address tenant;
        OrderKind kind;
        OrderState state;
        bytes specCid;
        string gpuModel;
        uint32 minVramGb;
        uint16 gpusPerReplica;
        uint8 replicas;
        uint8 standbys;
        uint256 maxPricePerSecond;
        uint64 maxDuration;
        uint64 bidWindow;
        uint64 createdAt;
        uint64 bidDeadline; // offers accepted while now <= bidDeadline
        uint256 escrow; // unassigned escrow (moves into the leases at finalize)
        uint256 stakePerPosition; // stake locked per offer / standby / lease = minStakePerGpu * gpusPerReplica
        uint8 offerCount;
        uint256 firstLeaseId; // 0 before finalize
        uint8 leaseCount;
        uint8 openLeases; // leases not closed
        uint8 standbysRemaining; // standby positions still queued
    }

    struct OfferInfo {
        address provider;
        uint256 pricePerSecond;
        uint32 sequence; // arrival order within the order (saturates at 2^24 - 1); ties on price go to the lower
    }

    struct LeaseInfo {
        uint256 leaseId;
        uint256 orderId;
        uint16 slot; // replica index within the order, 0-based
        OrderKind kind;
        LeaseState state;
        address provider; // address(0) while Reassigning or Closed without a provider
        uint32 epoch;
        uint256 pricePerSecond;
        uint64 assignedAt;
        uint64 ackDeadline; // assignedAt + startDeadline while Assigned, else 0
        uint64 startedAt; // ack time of the current provider
        uint64 settledUntil; // paid through this time
        uint64 endsAt; // finalize time + maxDuration; nothing accrues after it
        uint64 reassignDeadline; // while Reassigning: offerReplacement accepted until then
        uint256 escrow;
        bytes20 checkpointDigest; // bytes20(keccak256(cid)) of the last committed checkpoint, 0 if none
        uint64 checkpointStep;
        uint64 checkpointAt;
        uint16 closeReason; // 0 unless Closed
    }

    /// @notice What an order's leases are held to: the parameters when the order was created, and the replacement
    /// price cap set at finalize. Later parameter changes do not reach them.
    struct OrderTerms {
        uint64 startDeadline; // seconds an assigned provider has to ackLease
        uint64 heartbeatTimeout; // seconds of silence after which a Running lease is reportable
        uint16 slashBps; // of stakePerPosition, on a missed heartbeat (and on any exit of a reportable lease)
        uint16 minorSlashBps; // of stakePerPosition, on release or start timeout
        uint16 finderFeeBps; // of the slashed amount, to the reporter
        uint16 protocolFeeBps; // of every settlement, to the treasury
        uint256 replacementPriceCap; // offerReplacement accepts at most this (0 before finalize)
    }

    struct StandbyInfo {
        address provider;
        uint256 pricePerSecond; // the price it offered; it is paid this when promoted
    }

    struct MarketParameters {
        uint64 startDeadline; // seconds a newly assigned provider has to ackLease
        uint64 minPrepaidSeconds; // escrow at order time covers this many seconds of every replica at max price
        uint16 slashBps; // of stakePerPosition, on a missed heartbeat
        uint16 minorSlashBps; // of stakePerPosition, on release or start timeout
        uint16 finderFeeBps; // of the slashed amount, to the reporter (missed heartbeat, start timeout)
        uint16 protocolFeeBps; // of every settlement, to the treasury
        address treasury;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Events
    // ------------------------------------------------------------------------------------------------------------

    event OrderCreated(
        uint256 indexed orderId,
        address indexed tenant,
        OrderKind kind,
        bytes specCid,
        uint8 replicas,
        uint8 standbys,
        uint256 maxPricePerSecond,
        uint64 bidDeadline,
        uint256 escrow
    );
    /// @param sequence arrival order within the order (saturates at 2^24 - 1)
    event OfferPlaced(uint256 indexed orderId, address indexed provider, uint256 pricePerSecond, uint32 sequence);
    /// @notice A better offer pushed this one out of a full book; its stake is unlocked.
    event OfferEvicted(uint256 indexed orderId, address indexed provider, uint256 pricePerSecond);
    event OrderCancelled(uint256 indexed orderId, uint256 refund);
    /// @param standbys the standby queue, first to be promoted first
    event OrderFinalized(uint256 indexed orderId, uint256 firstLeaseId, uint8 leaseCount, address[] standbys);
    event OrderClosed(uint256 indexed orderId);
    event StandbyLeft(uint256 indexed orderId, address indexed provider);
    /// @notice A standby was skipped during a hand-over because it was not live or jailed; its stake is unlocked.
    event StandbyDropped(uint256 indexed orderId, address indexed provider, uint256 indexed leaseId);
    /// @notice A provider now holds the lease at `epoch` (finalize, standby promotion or replacement offer).
    event LeaseAssigned(
        uint256 indexed leaseId,
        uint256 indexed orderId,
        address indexed provider,
        uint32 epoch,
        uint256 pricePerSecond,
        uint64 ackDeadline
    );
    event LeaseStarted(uint256 indexed leaseId, address indexed provider, uint32 epoch);
    event CheckpointCommitted(uint256 indexed leaseId, uint32 indexed epoch, uint64 step, bytes cid, uint64 sizeBytes);
    event LeaseSettled(
        uint256 indexed leaseId,
        address indexed provider,
        uint32 epoch,
        uint64 settledUntil,
        uint256 providerAmount,
        uint256 protocolFee
    );
    event FaultReported(
        uint256 indexed leaseId,
        address indexed provider,
        address indexed reporter,
        uint32 epoch,
        uint16 reason,
        uint256 slashed,
        uint256 finderFee
    );
    /// @notice `previousProvider` lost the lease (reason 201..203); the lease is now at `newEpoch`. A node that sees
    /// itself as previousProvider must stop the workload.
    event LeaseReassigned(
        uint256 indexed leaseId, uint256 indexed orderId, address indexed previousProvider, uint32 newEpoch, uint16 reason
    );
    /// @notice No live standby was left: offerReplacement is open until offerDeadline, else the lease closes (302).
    event LeaseReopened(uint256 indexed leaseId, uint256 indexed orderId, uint32 epoch, uint64 offerDeadline);
    event LeaseToppedUp(uint256 indexed leaseId, address indexed payer, uint256 amount, uint256 escrow);
    event LeaseCompleted(uint256 indexed leaseId, address indexed provider, uint32 epoch, bytes resultCid);
    event LeaseClosed(
        uint256 indexed leaseId,
        uint256 indexed orderId,
        address indexed provider,
        uint32 epoch,
        uint16 reason,
        uint256 refund
    );
    event Withdrawn(address indexed account, uint256 amount);
    /// @param name the parameter getter's name as bytes32 (e.g. "slashBps")
    event ParameterUpdated(bytes32 indexed name, uint256 previousValue, uint256 newValue);
    event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury);
    /// @notice A parameter change was scheduled; applyScheduledParameters() takes it from `effectiveAt` on. Orders
    /// created before it is applied keep the parameters they were created with.
    event MarketParametersScheduled(MarketParameters next, uint64 effectiveAt);
    /// @notice The scheduled change (that would have applied from `effectiveAt`) was withdrawn.
    event ScheduledParametersCancelled(uint64 effectiveAt);

    // ------------------------------------------------------------------------------------------------------------
    // Errors (every one carries the offending values)
    // ------------------------------------------------------------------------------------------------------------

    error ZeroAmount();
    error ZeroAddress(bytes32 what);
    error AmountTooLarge(uint256 amount, uint256 max);
    error InvalidCid(uint256 length, uint256 max);
    error InvalidGpuModel(uint256 length, uint256 max);
    /// @param field the OrderRequest field name as bytes32
    error OrderValueOutOfRange(bytes32 field, uint256 value, uint256 min, uint256 max);
    error EscrowTooLow(uint256 escrow, uint256 required);
    error PermitAllowanceTooLow(uint256 allowance, uint256 required);
    error OrderNotFound(uint256 orderId);
    error LeaseNotFound(uint256 leaseId);
    error InvalidOrderState(uint256 orderId, OrderState state);
    error InvalidLeaseState(uint256 leaseId, LeaseState state);
    error NotTenant(uint256 orderId, address caller);
    error BidWindowClosed(uint256 orderId, uint64 bidDeadline);
    error BidWindowOpen(uint256 orderId, uint64 bidDeadline);
    error NoOffers(uint256 orderId);
    error PriceOutOfRange(uint256 pricePerSecond, uint256 maxPricePerSecond);
    error DuplicateOffer(uint256 orderId, address provider);
    error OfferNotCompetitive(uint256 orderId, uint256 pricePerSecond, uint256 worstPrice);
    error GpuModelMismatch(uint256 orderId, address provider);
    error NotEnoughGpus(address provider, uint32 gpuCount, uint16 required);
    error NotEnoughVram(address provider, uint32 vramGb, uint32 required);
    error ProviderAlreadyInOrder(uint256 orderId, address provider);
    error NotStandby(uint256 orderId, address provider);
    /// @notice The provider released or was reported on a lease of this order: it cannot take a lease of it back.
    error ProviderExcludedFromOrder(uint256 orderId, address provider);
    error NotLeaseProvider(uint256 leaseId, address caller);
    error StaleEpoch(uint256 leaseId, uint32 epoch, uint32 currentEpoch);
    error AckDeadlinePassed(uint256 leaseId, uint64 ackDeadline);
    error AckDeadlineNotPassed(uint256 leaseId, uint64 ackDeadline);
    error WrongOrderKind(uint256 orderId, OrderKind kind);
    error StepNotIncreasing(uint256 leaseId, uint64 lastStep, uint64 step);
    error StepOutOfRange(uint64 step, uint64 max);
    error ProviderStillLive(uint256 leaseId, address provider, uint64 liveUntil);
    error EmptyBatch();
    error BatchTooLarge(uint256 length, uint256 max);
    error DuplicateLeaseId(uint256 leaseId);
    error ReassignWindowClosed(uint256 leaseId, uint64 reassignDeadline);
    error LeaseNotDue(uint256 leaseId);
    /// @notice The provider was live until (or past) the lease's end: there is no missed heartbeat to report.
    error LeaseEndedWhileLive(uint256 leaseId, uint64 endsAt, uint64 liveUntil);
    error NothingToWithdraw(address account);
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max);
    error NoScheduledParameters();
    error ParametersNotYetEffective(uint64 effectiveAt);
    /// @notice The caller lacks the registry's role (the market is governed by the registry's roles).
    error AccessControlUnauthorizedAccount(address account, bytes32 neededRole);
}
