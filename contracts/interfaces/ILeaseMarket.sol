// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ILeaseMarketTypes} from "./ILeaseMarketTypes.sol";

/// @title DePinGpu lease market
/// @notice Tenants place orders (bids for GPU compute) with escrow; registered providers offer; the cheapest offers
/// become leases and the runners-up an ordered standby queue. Leases are paid per second, lazily, from escrow.
/// A provider that stops heart-beating is reported by anyone, slashed, jailed, and its lease moves to the first live
/// standby at epoch + 1 (or reopens for offers for one bid window).
/// @dev Conventions for clients:
/// - A provider is identified by its OWNER address (see IProviderRegistry). Provider-side calls (placeOffer,
///   offerReplacement, ackLease, commitCheckpoint, completeLease) are sent by the OPERATOR key; releaseLease and
///   leaveStandby accept the operator or the owner. Payments are credited to the owner.
/// - Every lease-scoped provider call carries (leaseId, epoch) and reverts StaleEpoch when the epoch is not current.
/// - Lease ids of one order are contiguous: firstLeaseId .. firstLeaseId + leaseCount - 1 (see OrderFinalized).
/// - CIDs are binary (the CID's byte form, e.g. 0x01 0x55 0x12 0x20 || sha256 digest), 1..128 bytes. The market
///   stores bytes20(keccak256(cid)) of the last checkpoint; the full CID is only in CheckpointCommitted.
/// - Every payment (provider earnings, refunds, finder fees, protocol fees) is credited to `withdrawable(account)`
///   and pulled with withdraw().
/// - Reasons (uint16), the actor in the range (1xx tenant, 2xx provider, 3xx protocol):
///   100 TenantClosed; 200 Completed, 201 Released, 202 MissedHeartbeat, 203 StartTimeout;
///   300 Expired (maxDuration reached), 301 InsufficientFunds, 302 NoReplacement.
///   201..203 are reassignment reasons (LeaseReassigned); 302 closes a lease nobody took over.
interface ILeaseMarket is ILeaseMarketTypes {
    // ------------------------------------------------------------------------------------------------------------
    // Tenant
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Creates an order and pulls `request.escrow` from the caller (approve first). The order snapshots the
    /// current economic parameters (getOrderTerms); its leases are held to them.
    /// @param request what the tenant asks for (see OrderRequest for every field's bounds)
    /// @return orderId the new order's id (1, 2, ...)
    function createOrder(OrderRequest calldata request) external returns (uint256 orderId);

    /// @notice createOrder with an ERC-2612 permit for `request.escrow`, so a wallet deposits and orders in one
    /// transaction. A permit that was already used (e.g. front-run) is fine as long as the allowance suffices.
    /// @param request what the tenant asks for
    /// @param permitDeadline the permit's deadline (unix seconds)
    /// @param v the permit signature's recovery id
    /// @param r the permit signature's r
    /// @param s the permit signature's s
    /// @return orderId the new order's id
    function createOrderWithPermit(
        OrderRequest calldata request,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 orderId);

    /// @notice Cancels an Open order (tenant only): offers are released and the escrow is credited back to the tenant.
    /// @param orderId the order
    function cancelOrder(uint256 orderId) external;

    /// @notice The cheapest `replicas` offers (ties: earliest) become leases, the next `standbys` the ordered standby
    /// queue. The tenant may finalize any time; anyone else once the bid window has passed.
    /// @param orderId the order
    /// @return firstLeaseId the first lease id; the order's leases are firstLeaseId .. firstLeaseId + leaseCount - 1
    /// @return leaseCount how many leases were created (at most `replicas`)
    function finalizeOrder(uint256 orderId) external returns (uint256 firstLeaseId, uint256 leaseCount);

    /// @notice Adds escrow to a lease that is not closed (anyone may pay; refunds go to the tenant).
    /// @param leaseId the lease
    /// @param amount token wei pulled from the caller (approve first)
    function topUp(uint256 leaseId, uint256 amount) external;

    /// @notice The tenant closes a lease (reason 100): the provider is paid through its last sign of life, the rest of
    /// the escrow is refunded to the tenant.
    /// @param leaseId the lease
    function closeLease(uint256 leaseId) external;

    // ------------------------------------------------------------------------------------------------------------
    // Provider
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Operator offers its provider for an Open order within the bid window; locks stakePerPosition. A full
    /// book accepts only an offer cheaper than its worst, which it evicts.
    /// @param orderId the order
    /// @param pricePerSecond token wei per second, 1 .. the order's maxPricePerSecond
    function placeOffer(uint256 orderId, uint256 pricePerSecond) external;

    /// @notice Operator takes over a Reassigning lease (first acceptable offer wins); it must then ackLease. The price
    /// may not exceed the order's replacementPriceCap (the highest price of the book at finalize), and a provider
    /// that released, timed out or was reported on a lease of the order cannot take one back.
    /// @param leaseId the lease
    /// @param pricePerSecond token wei per second, 1 .. replacementPriceCap
    function offerReplacement(uint256 leaseId, uint256 pricePerSecond) external;

    /// @notice A standby (operator or owner) leaves the standby queue of a finalized order; its stake is unlocked.
    /// @param orderId the order
    function leaveStandby(uint256 orderId) external;

    /// @notice Operator acknowledges an Assigned lease within the order's startDeadline; payment accrues from now.
    /// @param leaseId the lease
    /// @param epoch the lease's current epoch (StaleEpoch otherwise)
    function ackLease(uint256 leaseId, uint32 epoch) external;

    /// @notice Operator records a checkpoint of a Running Stateful lease; within one epoch `step` must strictly
    /// increase (a new holder's first checkpoint may use any step up to MAX_STEP).
    /// @param leaseId the lease
    /// @param epoch the lease's current epoch
    /// @param cid binary CID of the checkpoint, 1..128 bytes (only its keccak256 prefix is stored)
    /// @param step the workload's progress counter, <= MAX_STEP
    /// @param sizeBytes the checkpoint's size, for the record (event only)
    function commitCheckpoint(uint256 leaseId, uint32 epoch, bytes calldata cid, uint64 step, uint64 sizeBytes)
        external;

    /// @notice Operator ends a Running Stateful lease with its result (reason 200); paid through now. If the lease is
    /// reportable (silent past its timeout), it is settled as a missed heartbeat instead (no completion).
    /// @param leaseId the lease
    /// @param epoch the lease's current epoch
    /// @param resultCid binary CID of the result, 1..128 bytes (event only)
    function completeLease(uint256 leaseId, uint32 epoch, bytes calldata resultCid) external;

    /// @notice Operator or owner hands an Assigned or Running lease back (reason 201): settled to the fault cut-off,
    /// minorSlashBps slashed into the lease escrow, lease moved to the next standby or reopened. A reportable lease is
    /// settled as a missed heartbeat instead (slashBps, jail), with no finder's fee.
    /// @param leaseId the lease
    /// @param epoch the lease's current epoch
    function releaseLease(uint256 leaseId, uint32 epoch) external;

    // ------------------------------------------------------------------------------------------------------------
    // Anyone
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Reports Running leases whose provider stopped heart-beating (reason 202). For each: settle to the
    /// cut-off (Stateful: last checkpoint; Stateless: last heartbeat), slash slashBps of stakePerPosition, pay
    /// finderFeeBps of it to the caller and the rest into the lease escrow, jail, hand over to the first live
    /// unjailed standby at epoch + 1 or reopen. Reverts the whole batch if any lease is not reportable.
    /// @param leaseIds 1..MAX_BATCH distinct lease ids
    function reportMissedHeartbeat(uint256[] calldata leaseIds) external;

    /// @notice Reports an Assigned lease not acknowledged within startDeadline (reason 203): minor slash, finder's
    /// fee to the caller, hand-over as for a missed heartbeat (no jail).
    /// @param leaseId the lease
    function reportStartTimeout(uint256 leaseId) external;

    /// @notice Pays Running leases up to their fault cut-off (Stateful: last checkpoint; Stateless: last heartbeat).
    /// @param leaseIds 1..MAX_BATCH Running lease ids
    function settleLeases(uint256[] calldata leaseIds) external;

    /// @notice Closes a lease that is due: Reassigning past its deadline (302, refund), past endsAt (300), or whose
    /// escrow cannot cover its accrual up to now (301). A reportable lease, or an Assigned lease past its ack deadline,
    /// is first settled as that fault (no finder's fee), then closed if past its end. Reverts LeaseNotDue otherwise.
    /// @param leaseId the lease
    function closeDueLease(uint256 leaseId) external;

    /// @notice Transfers the caller's whole withdrawable balance to the caller.
    /// @return amount the amount transferred (NothingToWithdraw if zero)
    function withdraw() external returns (uint256 amount);

    // ------------------------------------------------------------------------------------------------------------
    // Parameters: scheduled by the registry's PARAMETER_ROLE, applied by anyone after PARAMETER_DELAY
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Schedules `next` (replacing any scheduled change); it can be applied PARAMETER_DELAY from now.
    /// Bounds (ParameterOutOfRange): startDeadline [10 s, 1 day], minPrepaidSeconds [1 s, 30 days], slashBps
    /// [1, 5000], minorSlashBps [0, 5000], finderFeeBps [0, 5000], protocolFeeBps [0, 1000], treasury non-zero.
    /// @param next every market parameter as it should be after the change
    function scheduleParameters(MarketParameters calldata next) external;

    /// @notice Withdraws the scheduled change (PARAMETER_ROLE). Reverts NoScheduledParameters if there is none.
    function cancelScheduledParameters() external;

    /// @notice Applies the scheduled change once its delay has passed (anyone); emits ParameterUpdated per field
    /// and TreasuryUpdated. Orders created earlier keep their terms (getOrderTerms).
    function applyScheduledParameters() external;

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /// @notice The provider registry (stake, liveness, roles).
    /// @return registryAddress the registry
    function registry() external view returns (address registryAddress);

    /// @notice The stake and payment token (the registry's).
    /// @return token the ERC-20
    function stakeToken() external view returns (address token);

    /// @notice Every market parameter in force for new orders.
    /// @return current the parameters
    function parameters() external view returns (MarketParameters memory current);

    /// @notice Seconds a newly assigned provider has to ackLease (new orders).
    /// @return value the current value
    function startDeadline() external view returns (uint64 value);

    /// @notice Seconds of every replica at the maximum price a new order's escrow must cover.
    /// @return value the current value
    function minPrepaidSeconds() external view returns (uint64 value);

    /// @notice Share of stakePerPosition slashed on a missed heartbeat (new orders), in basis points.
    /// @return value the current value
    function slashBps() external view returns (uint16 value);

    /// @notice Share of stakePerPosition slashed on a release or start timeout (new orders), in basis points.
    /// @return value the current value
    function minorSlashBps() external view returns (uint16 value);

    /// @notice Share of a slash paid to the reporter (new orders), in basis points.
    /// @return value the current value
    function finderFeeBps() external view returns (uint16 value);

    /// @notice Share of every settlement credited to the treasury (new orders), in basis points.
    /// @return value the current value
    function protocolFeeBps() external view returns (uint16 value);

    /// @notice Where protocol fees are credited.
    /// @return account the treasury
    function treasury() external view returns (address account);

    /// @notice Orders created so far (ids run 1..orderCount).
    /// @return count the number of orders
    function orderCount() external view returns (uint256 count);

    /// @notice Leases created so far (ids run 1..leaseCount).
    /// @return count the number of leases
    function leaseCount() external view returns (uint256 count);

    /// @notice Everything about one order.
    /// @param orderId the order
    /// @return info zero (state None) for an unknown order
    function getOrder(uint256 orderId) external view returns (OrderInfo memory info);

    /// @notice The parameters the order's leases are held to (snapshot at order creation) and its replacement cap.
    /// @param orderId the order
    /// @return terms zero for an unknown order
    function getOrderTerms(uint256 orderId) external view returns (OrderTerms memory terms);

    /// @notice Whether `provider` released, timed out or was reported on a lease of the order (it cannot take one of
    /// the order's leases back).
    /// @param orderId the order
    /// @param provider the provider (owner address)
    /// @return excluded true once excluded
    function isExcluded(uint256 orderId, address provider) external view returns (bool excluded);

    /// @notice The scheduled parameter change, if any.
    /// @return next the parameters that applyScheduledParameters would set
    /// @return effectiveAt earliest apply time; 0 when nothing is scheduled
    function scheduledParameters() external view returns (MarketParameters memory next, uint64 effectiveAt);

    /// @notice The offer book (only meaningful while Open; after finalize it holds the winners and standbys).
    /// @param orderId the order
    /// @return offers the entries still in the book, in book order
    function getOffers(uint256 orderId) external view returns (OfferInfo[] memory offers);

    /// @notice Remaining standby queue, first to be promoted first.
    /// @param orderId the order
    /// @return standbys empty unless the order is Finalized
    function getStandbys(uint256 orderId) external view returns (StandbyInfo[] memory standbys);

    /// @notice Everything about one lease.
    /// @param leaseId the lease
    /// @return info zero (state None) for an unknown lease
    function getLease(uint256 leaseId) external view returns (LeaseInfo memory info);

    /// @notice Every lease of an order, in slot order.
    /// @param orderId the order
    /// @return leases empty before finalize
    function getOrderLeases(uint256 orderId) external view returns (LeaseInfo[] memory leases);

    /// @notice True while the lease is Running and its provider's heartbeat (or ack) is within the order's
    /// heartbeatTimeout.
    /// @param leaseId the lease
    /// @return live false also for leases that are not Running
    function isLeaseLive(uint256 leaseId) external view returns (bool live);

    /// @notice What settleLeases would pay the provider now (before the protocol fee), and up to when.
    /// @param leaseId the lease
    /// @return amount token wei
    /// @return until the time settledUntil would reach
    function settleableOf(uint256 leaseId) external view returns (uint256 amount, uint64 until);

    /// @notice What `account` can withdraw().
    /// @param account any account
    /// @return amount token wei credited and not yet withdrawn
    function withdrawable(address account) external view returns (uint256 amount);
}
