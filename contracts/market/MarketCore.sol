// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MarketStorage} from "./MarketStorage.sol";
import {LeaseReasons} from "../libraries/LeaseReasons.sol";
import {OfferBook, OFFER_BOOK_SIZE} from "../libraries/OfferBook.sol";
import {Settlement} from "../libraries/Settlement.sol";

/// @title Lease mechanics shared by the order and lease entry points
/// @notice Settlement, penalties, hand-over to standbys, assignment and closing. Nothing here is external.
abstract contract MarketCore is MarketStorage, ReentrancyGuardTransient {
    // ------------------------------------------------------------------------------------------------------------
    // Settlement
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Pays the lease's provider for [settledUntil, until) as far as the escrow goes; the protocol fee is
    /// credited to the treasury. Nothing happens when there is nothing to pay.
    function _settle(uint256 leaseId, LeaseRecord storage lease, uint256 until) internal {
        uint256 from = lease.settledUntil;
        uint256 feeBps = _orders[lease.orderId].terms.protocolFeeBps;
        (uint256 paidSeconds, uint256 gross, uint256 fee) =
            Settlement.pay(lease.pricePerSecond, from, until, lease.escrow, feeBps);
        if (paidSeconds == 0) return;
        uint40 settledUntil = uint40(from + paidSeconds);
        lease.settledUntil = settledUntil;
        // unchecked: Settlement.pay never returns more than the escrow, and fee <= gross.
        unchecked {
            lease.escrow -= uint128(gross);
        }
        address provider = lease.provider;
        uint256 providerAmount = gross - fee;
        _withdrawable[provider] += providerAmount;
        if (fee != 0) _withdrawable[_treasury] += fee;
        emit LeaseSettled(leaseId, provider, lease.epoch, settledUntil, providerAmount, fee);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Penalties and hand-over
    // ------------------------------------------------------------------------------------------------------------

    /// @dev A reportable lease's fault: settle to the fault cut-off, slash the order's slashBps, jail, hand over.
    /// `finder` (address(0): nobody) receives the finder's fee; every other part of the slash goes to the escrow.
    function _settleMissedHeartbeat(uint256 leaseId, LeaseRecord storage lease, OrderRecord storage order, address finder)
        internal
    {
        _settle(leaseId, lease, _faultCutoff(lease));
        _penalize(leaseId, lease, order, order.terms.slashBps, LeaseReasons.MISSED_HEARTBEAT, finder, true);
        _handOver(leaseId, lease, order, LeaseReasons.MISSED_HEARTBEAT);
    }

    /// @dev An Assigned lease not acknowledged in time: minor slash, `finder`'s fee, hand-over (no jail).
    function _settleStartTimeout(uint256 leaseId, LeaseRecord storage lease, OrderRecord storage order, address finder)
        internal
    {
        _penalize(leaseId, lease, order, order.terms.minorSlashBps, LeaseReasons.START_TIMEOUT, finder, false);
        _handOver(leaseId, lease, order, LeaseReasons.START_TIMEOUT);
    }

    /// @dev Releases the lease's stake backing, slashes `bps` of it, pays the finder's fee (when `finder` is set) and
    /// puts the rest of the slashed amount into the lease escrow; optionally jails the provider. The provider is
    /// excluded from the order: it can never take one of its leases back (issue 11 F3).
    function _penalize(
        uint256 leaseId,
        LeaseRecord storage lease,
        OrderRecord storage order,
        uint16 bps,
        uint16 reason,
        address finder,
        bool jailProvider
    ) internal {
        address provider = lease.provider;
        uint256 backing = order.stakePerPosition;
        _excluded[lease.orderId][provider] = true;
        _unlock(provider, backing);
        uint256 amount = Settlement.share(backing, bps);
        uint256 slashed = amount == 0 ? 0 : _registry.slash(provider, amount);
        uint256 finderFee = finder == address(0) ? 0 : Settlement.share(slashed, order.terms.finderFeeBps);
        if (finderFee != 0) _withdrawable[finder] += finderFee;
        lease.escrow += uint128(slashed - finderFee);
        if (jailProvider) _registry.jail(provider);
        emit FaultReported(leaseId, provider, msg.sender, lease.epoch, reason, slashed, finderFee);
    }

    /// @dev The current provider loses the lease: epoch + 1, then the first eligible standby takes it, or the lease
    /// reopens for offerReplacement for one bid window. A lease past endsAt closes (Expired) instead.
    function _handOver(uint256 leaseId, LeaseRecord storage lease, OrderRecord storage order, uint16 reason) internal {
        address previous = lease.provider;
        uint256 orderId = lease.orderId;
        uint32 epoch = lease.epoch + 1;
        lease.provider = address(0);
        lease.epoch = epoch;
        lease.checkpointedInEpoch = false;
        lease.startedAt = 0;
        emit LeaseReassigned(leaseId, orderId, previous, epoch, reason);

        if (block.timestamp >= lease.endsAt) {
            _close(leaseId, lease, order, LeaseReasons.EXPIRED);
            return;
        }
        (address standby, uint256 price) = _promoteStandby(orderId, order, leaseId);
        if (standby != address(0)) {
            _assign(leaseId, lease, orderId, standby, price);
        } else {
            uint40 deadline = uint40(block.timestamp + order.bidWindow);
            lease.state = LeaseState.Reassigning;
            lease.reassignDeadline = deadline;
            emit LeaseReopened(leaseId, orderId, epoch, deadline);
        }
    }

    /// @dev Pops standbys until one is live and not jailed; skipped ones leave the queue and get their stake back.
    function _promoteStandby(uint256 orderId, OrderRecord storage order, uint256 leaseId)
        internal
        returns (address provider, uint256 price)
    {
        uint256 position = order.standbyHead;
        uint256 count = order.standbyCount;
        if (position >= count) return (address(0), 0);
        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        uint64 queue = order.standbyQueue;
        while (position < count) {
            uint256 entry = book[OfferBook.queueAt(queue, position)];
            ++position;
            if (entry == 0) continue; // left the queue
            address candidate = OfferBook.providerOf(entry);
            if (_registry.isEligible(candidate)) {
                provider = candidate;
                price = OfferBook.priceOf(entry);
                break;
            }
            _unlock(candidate, order.stakePerPosition);
            emit StandbyDropped(orderId, candidate, leaseId);
        }
        order.standbyHead = uint8(position);
    }

    /// @dev `provider` (whose stake for this position is already locked) holds the lease at its current epoch and
    /// must acknowledge it within startDeadline.
    function _assign(uint256 leaseId, LeaseRecord storage lease, uint256 orderId, address provider, uint256 price)
        internal
    {
        lease.provider = provider;
        lease.state = LeaseState.Assigned;
        lease.pricePerSecond = uint80(price);
        lease.assignedAt = uint40(block.timestamp);
        lease.reassignDeadline = 0;
        emit LeaseAssigned(
            leaseId, orderId, provider, lease.epoch, price, uint64(block.timestamp + _orders[orderId].terms.startDeadline)
        );
    }

    // ------------------------------------------------------------------------------------------------------------
    // Closing
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Ends a lease: the provider's stake is unlocked, the remaining escrow is credited to the tenant, and the
    /// order closes (standbys released) with its last lease.
    function _close(uint256 leaseId, LeaseRecord storage lease, OrderRecord storage order, uint16 reason) internal {
        address provider = lease.provider;
        LeaseState state = lease.state;
        if (provider != address(0) && (state == LeaseState.Assigned || state == LeaseState.Running)) {
            _unlock(provider, order.stakePerPosition);
        }
        uint256 refund = lease.escrow;
        lease.escrow = 0;
        lease.state = LeaseState.Closed;
        lease.closeReason = reason;
        lease.reassignDeadline = 0;
        uint256 orderId = lease.orderId;
        if (refund != 0) _withdrawable[order.tenant] += refund;
        emit LeaseClosed(leaseId, orderId, provider, lease.epoch, reason, refund);

        uint8 open = order.openLeases - 1;
        order.openLeases = open;
        if (open == 0) _closeOrder(orderId, order);
    }

    function _closeOrder(uint256 orderId, OrderRecord storage order) internal {
        order.state = OrderState.Closed;
        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        uint64 queue = order.standbyQueue;
        uint256 count = order.standbyCount;
        for (uint256 position = order.standbyHead; position < count; ++position) {
            uint256 entry = book[OfferBook.queueAt(queue, position)];
            if (entry != 0) _unlock(OfferBook.providerOf(entry), order.stakePerPosition);
        }
        order.standbyHead = uint8(count);
        emit OrderClosed(orderId);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Offers
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Locks the operator's provider's stake for one position and checks the order's hardware requirements.
    function _lockEligible(uint256 orderId, OrderRecord storage order, address operator)
        internal
        returns (address provider)
    {
        bytes32 modelHash;
        uint32 gpuCount;
        uint32 vramGb;
        (provider, modelHash, gpuCount, vramGb) = _registry.lockStake(operator, order.stakePerPosition);
        bytes32 wanted = order.gpuModelHash;
        if (wanted != bytes32(0) && modelHash != wanted) revert GpuModelMismatch(orderId, provider);
        if (gpuCount < order.gpusPerReplica) revert NotEnoughGpus(provider, gpuCount, order.gpusPerReplica);
        if (vramGb < order.minVramGb) revert NotEnoughVram(provider, vramGb, order.minVramGb);
    }

    function _openOrder(uint256 orderId) internal view returns (OrderRecord storage order) {
        order = _existingOrder(orderId);
        if (order.state != OrderState.Open) revert InvalidOrderState(orderId, order.state);
    }

    function _checkPrice(uint256 pricePerSecond, uint256 maxPricePerSecond) internal pure {
        if (pricePerSecond == 0 || pricePerSecond > maxPricePerSecond) {
            revert PriceOutOfRange(pricePerSecond, maxPricePerSecond);
        }
    }

    function _checkCid(bytes calldata cid) internal pure {
        if (cid.length == 0 || cid.length > MAX_CID_LENGTH) revert InvalidCid(cid.length, MAX_CID_LENGTH);
    }
}
