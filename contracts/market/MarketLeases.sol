// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ILeaseMarket} from "../interfaces/ILeaseMarket.sol";
import {MarketBase} from "./MarketBase.sol";
import {LeaseReasons} from "../libraries/LeaseReasons.sol";
import {OfferBook} from "../libraries/OfferBook.sol";
import {Settlement} from "../libraries/Settlement.sol";

/// @title Lease lifecycle: start, checkpoints, completion, release, fault reports, settlement, closing, payouts
abstract contract MarketLeases is ILeaseMarket, MarketBase {
    using SafeERC20 for IERC20;

    // ------------------------------------------------------------------------------------------------------------
    // Provider
    // ------------------------------------------------------------------------------------------------------------

    function ackLease(uint256 leaseId, uint32 epoch) external {
        LeaseRecord storage lease = _operatorLease(leaseId, epoch);
        if (lease.state != LeaseState.Assigned) revert InvalidLeaseState(leaseId, lease.state);
        uint64 deadline = lease.assignedAt + _orders[lease.orderId].terms.startDeadline;
        if (block.timestamp > deadline) revert AckDeadlinePassed(leaseId, deadline);
        lease.state = LeaseState.Running;
        lease.startedAt = uint40(block.timestamp);
        lease.settledUntil = uint40(block.timestamp);
        emit LeaseStarted(leaseId, lease.provider, epoch);
    }

    function commitCheckpoint(uint256 leaseId, uint32 epoch, bytes calldata cid, uint64 step, uint64 sizeBytes)
        external
    {
        LeaseRecord storage lease = _operatorLease(leaseId, epoch);
        _requireRunningStateful(leaseId, lease);
        _checkCid(cid);
        if (step > MAX_STEP) revert StepOutOfRange(step, MAX_STEP);
        // A holder's first checkpoint may start at any step; after that its steps strictly increase. A new holder
        // starts afresh, so no holder can block its successors with a huge step (issue 11 F7).
        if (lease.checkpointedInEpoch) {
            if (step <= lease.checkpointStep) revert StepNotIncreasing(leaseId, lease.checkpointStep, step);
        } else {
            lease.checkpointedInEpoch = true;
        }
        lease.checkpointDigest = bytes20(keccak256(cid));
        lease.checkpointStep = uint56(step);
        lease.checkpointAt = uint40(block.timestamp);
        emit CheckpointCommitted(leaseId, epoch, step, cid, sizeBytes);
    }

    function completeLease(uint256 leaseId, uint32 epoch, bytes calldata resultCid) external nonReentrant {
        LeaseRecord storage lease = _operatorLease(leaseId, epoch);
        _requireRunningStateful(leaseId, lease);
        _checkCid(resultCid);
        // A provider silent past its timeout is not paid for the silence and does not escape the slash (F2).
        if (_isReportable(lease)) {
            _settleMissedHeartbeat(leaseId, lease, _orders[lease.orderId], address(0));
            return;
        }
        _settle(leaseId, lease, _capToNow(lease, block.timestamp));
        emit LeaseCompleted(leaseId, lease.provider, epoch, resultCid);
        _close(leaseId, lease, _orders[lease.orderId], LeaseReasons.COMPLETED);
    }

    function releaseLease(uint256 leaseId, uint32 epoch) external nonReentrant {
        LeaseRecord storage lease = _existingLease(leaseId);
        _requireEpoch(leaseId, lease, epoch);
        address provider = lease.provider;
        if (provider == address(0) || (msg.sender != provider && _providerOf(msg.sender) != provider))
        {
            revert NotLeaseProvider(leaseId, msg.sender);
        }
        LeaseState state = lease.state;
        if (state != LeaseState.Assigned && state != LeaseState.Running) revert InvalidLeaseState(leaseId, state);
        OrderRecord storage order = _orders[lease.orderId];
        // Releasing a lease that is already reportable costs what the report would (F1).
        if (_isReportable(lease)) {
            _settleMissedHeartbeat(leaseId, lease, order, address(0));
            return;
        }
        if (state == LeaseState.Running) _settle(leaseId, lease, _faultCutoff(lease));
        _penalize(leaseId, lease, order, order.terms.minorSlashBps, LeaseReasons.RELEASED, address(0), false);
        _handOver(leaseId, lease, order, LeaseReasons.RELEASED);
    }

    function offerReplacement(uint256 leaseId, uint256 pricePerSecond) external nonReentrant {
        LeaseRecord storage lease = _existingLease(leaseId);
        if (lease.state != LeaseState.Reassigning) revert InvalidLeaseState(leaseId, lease.state);
        if (block.timestamp > lease.reassignDeadline) revert ReassignWindowClosed(leaseId, lease.reassignDeadline);
        uint256 orderId = lease.orderId;
        OrderRecord storage order = _orders[orderId];
        // never above the highest price the tenant accepted at finalize (F3)
        _checkPrice(pricePerSecond, order.replacementPriceCap);
        address provider = _lockEligible(orderId, order, msg.sender);
        if (_excluded[orderId][provider]) revert ProviderExcludedFromOrder(orderId, provider);
        _requireNotInOrder(orderId, order, provider);
        _assign(leaseId, lease, orderId, provider, pricePerSecond);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Anyone
    // ------------------------------------------------------------------------------------------------------------

    function reportMissedHeartbeat(uint256[] calldata leaseIds) external nonReentrant {
        _checkBatch(leaseIds);
        for (uint256 i = 0; i < leaseIds.length; ++i) {
            _reportMissedHeartbeat(leaseIds[i]);
        }
    }

    function reportStartTimeout(uint256 leaseId) external nonReentrant {
        LeaseRecord storage lease = _existingLease(leaseId);
        if (lease.state != LeaseState.Assigned) revert InvalidLeaseState(leaseId, lease.state);
        OrderRecord storage order = _orders[lease.orderId];
        uint64 deadline = lease.assignedAt + order.terms.startDeadline;
        if (block.timestamp <= deadline) revert AckDeadlineNotPassed(leaseId, deadline);
        _settleStartTimeout(leaseId, lease, order, msg.sender);
    }

    function settleLeases(uint256[] calldata leaseIds) external {
        if (leaseIds.length == 0) revert EmptyBatch();
        if (leaseIds.length > MAX_BATCH) revert BatchTooLarge(leaseIds.length, MAX_BATCH);
        for (uint256 i = 0; i < leaseIds.length; ++i) {
            uint256 leaseId = leaseIds[i];
            LeaseRecord storage lease = _existingLease(leaseId);
            if (lease.state != LeaseState.Running) revert InvalidLeaseState(leaseId, lease.state);
            _settle(leaseId, lease, _faultCutoff(lease));
        }
    }


    function withdraw() external nonReentrant returns (uint256 amount) {
        amount = _withdrawable[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        _withdrawable[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Tenant
    // ------------------------------------------------------------------------------------------------------------



    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    function _reportMissedHeartbeat(uint256 leaseId) private {
        LeaseRecord storage lease = _existingLease(leaseId);
        if (lease.state != LeaseState.Running) revert InvalidLeaseState(leaseId, lease.state);
        uint256 liveUntil = _liveUntil(lease);
        if (block.timestamp <= liveUntil) revert ProviderStillLive(leaseId, lease.provider, uint64(liveUntil));
        // A provider that stops after its lease's end has done its job: only a silence that began before the end is
        // a fault (the lease is then closed by closeDueLease, not by a slash).
        if (liveUntil >= lease.endsAt) revert LeaseEndedWhileLive(leaseId, lease.endsAt, uint64(liveUntil));
        _settleMissedHeartbeat(leaseId, lease, _orders[lease.orderId], msg.sender);
    }

    /// @dev Existing lease, current epoch, caller is the operator of the lease's provider.
    function _operatorLease(uint256 leaseId, uint32 epoch) private view returns (LeaseRecord storage lease) {
        lease = _existingLease(leaseId);
        _requireEpoch(leaseId, lease, epoch);
        address provider = lease.provider;
        if (provider == address(0) || _providerOf(msg.sender) != provider) {
            revert NotLeaseProvider(leaseId, msg.sender);
        }
    }

    function _requireEpoch(uint256 leaseId, LeaseRecord storage lease, uint32 epoch) private view {
        if (epoch != lease.epoch) revert StaleEpoch(leaseId, epoch, lease.epoch);
    }

    function _requireRunningStateful(uint256 leaseId, LeaseRecord storage lease) private view {
        if (lease.state != LeaseState.Running) revert InvalidLeaseState(leaseId, lease.state);
        if (lease.kind != OrderKind.Stateful) revert WrongOrderKind(lease.orderId, lease.kind);
    }

    function _checkBatch(uint256[] calldata leaseIds) private pure {
        uint256 length = leaseIds.length;
        if (length == 0) revert EmptyBatch();
        if (length > MAX_BATCH) revert BatchTooLarge(length, MAX_BATCH);
        for (uint256 i = 1; i < length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (leaseIds[i] == leaseIds[j]) revert DuplicateLeaseId(leaseIds[i]);
            }
        }
    }

    function _requireNotInOrder(uint256 orderId, OrderRecord storage order, address provider) private view {
        uint256 first = order.firstLeaseId;
        for (uint256 leaseId = first; leaseId < first + order.leaseCount; ++leaseId) {
            LeaseRecord storage other = _leases[leaseId];
            LeaseState state = other.state;
            if (other.provider == provider && (state == LeaseState.Assigned || state == LeaseState.Running)) {
                revert ProviderAlreadyInOrder(orderId, provider);
            }
        }
        uint256[] memory standbys = _remainingStandbys(orderId, order);
        for (uint256 i = 0; i < standbys.length; ++i) {
            if (OfferBook.providerOf(standbys[i]) == provider) revert ProviderAlreadyInOrder(orderId, provider);
        }
    }
}
