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

    /// @notice Creates an order and pulls `request.escrow` from the caller (approve first).
    function createOrder(OrderRequest calldata request) external returns (uint256 orderId);

    /// @notice createOrder with an ERC-2612 permit for `request.escrow`, so a wallet deposits and orders in one
    /// transaction. A permit that was already used (e.g. front-run) is fine as long as the allowance suffices.
    function createOrderWithPermit(
        OrderRequest calldata request,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 orderId);

    /// @notice Cancels an Open order: offers are released and the escrow is credited back to the tenant.
    function cancelOrder(uint256 orderId) external;

    /// @notice The cheapest `replicas` offers (ties: earliest) become leases, the next `standbys` the ordered standby
    /// queue. The tenant may finalize any time; anyone else once the bid window has passed.
    function finalizeOrder(uint256 orderId) external returns (uint256 firstLeaseId, uint256 leaseCount);

    /// @notice Adds escrow to a lease that is not closed (anyone may pay; refunds go to the tenant).
    function topUp(uint256 leaseId, uint256 amount) external;

    /// @notice The tenant closes a lease (reason 100): the provider is paid through its last heartbeat, the rest of
    /// the escrow is refunded to the tenant.
    function closeLease(uint256 leaseId) external;

    // ------------------------------------------------------------------------------------------------------------
    // Provider
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Operator offers its provider for an Open order within the bid window; locks stakePerPosition.
    function placeOffer(uint256 orderId, uint256 pricePerSecond) external;

    /// @notice Operator takes over a Reassigning lease (first acceptable offer wins); it must then ackLease. The price
    /// may not exceed the order's replacementPriceCap (the highest price of the book at finalize), and a provider
    /// that released, timed out or was reported on a lease of the order cannot take one back.
    function offerReplacement(uint256 leaseId, uint256 pricePerSecond) external;

    /// @notice A standby (operator or owner) leaves the standby queue of a finalized order; its stake is unlocked.
    function leaveStandby(uint256 orderId) external;

    /// @notice Operator acknowledges an Assigned lease within startDeadline; payment accrues from now.
    function ackLease(uint256 leaseId, uint32 epoch) external;

    /// @notice Operator records a checkpoint of a Running Stateful lease; within one epoch `step` must strictly
    /// increase (a new holder's first checkpoint may use any step up to MAX_STEP).
    function commitCheckpoint(uint256 leaseId, uint32 epoch, bytes calldata cid, uint64 step, uint64 sizeBytes)
        external;

    /// @notice Operator ends a Running Stateful lease with its result (reason 200); paid through now. If the lease is
    /// reportable (silent past its timeout), it is settled as a missed heartbeat instead (no completion).
    function completeLease(uint256 leaseId, uint32 epoch, bytes calldata resultCid) external;

    /// @notice Operator or owner hands an Assigned or Running lease back (reason 201): settled to the fault cut-off,
    /// minorSlashBps slashed into the lease escrow, lease moved to the next standby or reopened. A reportable lease is
    /// settled as a missed heartbeat instead (slashBps, jail), with no finder's fee.
    function releaseLease(uint256 leaseId, uint32 epoch) external;

    // ------------------------------------------------------------------------------------------------------------
    // Anyone
    // ------------------------------------------------------------------------------------------------------------

    /// @notice Reports Running leases whose provider stopped heart-beating (reason 202). For each: settle to the
    /// cut-off (Stateful: last checkpoint; Stateless: last heartbeat), slash slashBps of stakePerPosition, pay
    /// finderFeeBps of it to the caller and the rest into the lease escrow, jail, hand over to the first live
    /// unjailed standby at epoch + 1 or reopen. Reverts the whole batch if any lease is not reportable.
    function reportMissedHeartbeat(uint256[] calldata leaseIds) external;

    /// @notice Reports an Assigned lease not acknowledged within startDeadline (reason 203): minor slash, finder's
    /// fee to the caller, hand-over as for a missed heartbeat (no jail).
    function reportStartTimeout(uint256 leaseId) external;

    /// @notice Pays Running leases up to their fault cut-off (Stateful: last checkpoint; Stateless: last heartbeat).
    function settleLeases(uint256[] calldata leaseIds) external;

    /// @notice Closes a lease that is due: Reassigning past its deadline (302, refund), past endsAt (300), or whose
    /// escrow cannot cover its accrual up to now (301). A reportable lease, or an Assigned lease past its ack deadline,
    /// is first settled as that fault (no finder's fee), then closed if past its end. Reverts LeaseNotDue otherwise.
    function closeDueLease(uint256 leaseId) external;

    /// @notice Transfers the caller's whole withdrawable balance to the caller.
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

    function registry() external view returns (address);
    function stakeToken() external view returns (address);
    function parameters() external view returns (MarketParameters memory);
    function startDeadline() external view returns (uint64);
    function minPrepaidSeconds() external view returns (uint64);
    function slashBps() external view returns (uint16);
    function minorSlashBps() external view returns (uint16);
    function finderFeeBps() external view returns (uint16);
    function protocolFeeBps() external view returns (uint16);
    function treasury() external view returns (address);

    function orderCount() external view returns (uint256);
    function leaseCount() external view returns (uint256);
    function getOrder(uint256 orderId) external view returns (OrderInfo memory);
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
    function getOffers(uint256 orderId) external view returns (OfferInfo[] memory);
    /// @notice Remaining standby queue, first to be promoted first.
    function getStandbys(uint256 orderId) external view returns (StandbyInfo[] memory);
    function getLease(uint256 leaseId) external view returns (LeaseInfo memory);
    function getOrderLeases(uint256 orderId) external view returns (LeaseInfo[] memory);
    /// @notice True while the lease is Running and its provider's heartbeat (or ack) is within heartbeatTimeout.
    function isLeaseLive(uint256 leaseId) external view returns (bool);
    /// @notice What settleLeases would pay the provider now (before the protocol fee), and up to when.
    function settleableOf(uint256 leaseId) external view returns (uint256 amount, uint64 until);
    function withdrawable(address account) external view returns (uint256);
}
