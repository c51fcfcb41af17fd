// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";
import {HandlerBase} from "./HandlerBase.t.sol";

/// @title Invariant-test actors that attack the lease calls: stale epochs, wrong callers, multi-lease and duplicate
/// batches, reports from anyone (outsiders, the tenant, the provider itself and its accomplice)
/// @dev Every attack that must fail records a violation in the ghosts when it succeeds, and also when it fails for
/// another reason than the one it attacks (so a check that moved or vanished is noticed, not masked by a later one).
contract AttackerHandler is HandlerBase {
    uint256 internal constant MAX_REPORT_BATCH = 4;

    constructor(DevToken token_, ProviderRegistry registry_, ILeaseMarket market_, AttackGhosts ghosts_, address[] memory owners_)
        HandlerBase(token_, registry_, market_, ghosts_, owners_)
    {
        for (uint256 i = 0; i < OUTSIDERS; ++i) ghosts_.addAccount(outsider(i));
        for (uint256 i = 0; i < owners_.length; ++i) ghosts_.addAccount(accomplice(owners_[i]));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Provider calls with the wrong epoch or from the wrong caller
    // ------------------------------------------------------------------------------------------------------------

    /// @notice The lease's own operator (its owner for release) acts with an epoch that is not the lease's.
    function staleEpochCall(uint256 leaseSeed, uint256 callSeed, uint256 epochSeed) external {
        // an older epoch needs a lease that changed hands: look for one first (the previous epoch is the likeliest
        // to slip through an off-by-one check)
        (bool found, uint256 leaseId) = epochSeed % 2 == 0 ? _handedOverLease(leaseSeed) : (false, 0);
        if (!found) (found, leaseId) = _lease(leaseSeed);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.provider == address(0)) return;
        uint32 stale = lease.epoch > 0 && epochSeed % 2 == 0
            ? uint32(lease.epoch - 1 - (epochSeed >> 8) % 4 % lease.epoch)
            : uint32(lease.epoch + 1 + (epochSeed >> 8) % 3);
        uint256 action = callSeed % 4;
        address caller = action == 3 && callSeed % 8 == 3 ? lease.provider : registry.operatorOf(lease.provider);
        (bool ok, bytes memory reason) = _providerCall(caller, leaseId, stale, action, lease.checkpointStep);
        _expectRefusal("staleEpoch", ok, reason, StaleEpoch.selector, "a call with a stale epoch");
    }

    /// @dev A lease held at an epoch above zero, searching from a random start.
    function _handedOverLease(uint256 seed) private view returns (bool, uint256) {
        uint256 count = market.leaseCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 leaseId = 1 + (seed + i) % count;
            LeaseInfo memory lease = market.getLease(leaseId);
            if (lease.epoch > 0 && lease.provider != address(0)) return (true, leaseId);
        }
        return (false, 0);
    }

    /// @notice Someone who is not the lease's operator (nor, for release, its owner) acts at the current epoch: another
    /// provider's operator, the provider's owner (for ack, commit, complete), its accomplice, the tenant, an outsider.
    function wrongCallerCall(uint256 leaseSeed, uint256 callerSeed, uint256 callSeed) external {
        (bool found, uint256 leaseId) = _lease(leaseSeed);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.provider == address(0)) return;
        uint256 action = callSeed % 4;
        address caller = _wrongCaller(lease, callerSeed, action == 3);
        if (caller == address(0)) return;
        (bool ok, bytes memory reason) = _providerCall(caller, leaseId, lease.epoch, action, lease.checkpointStep);
        _expectRefusal("wrongCaller", ok, reason, NotLeaseProvider.selector, "a lease call from a wrong caller");
    }

    function _wrongCaller(LeaseInfo memory lease, uint256 seed, bool release) private view returns (address) {
        uint256 kind = seed % 5;
        if (kind == 0) {
            address other = _owners[(seed >> 8) % _owners.length];
            return other == lease.provider ? address(0) : registry.operatorOf(other);
        }
        if (kind == 1) return release ? address(0) : lease.provider;
        if (kind == 2) return accomplice(lease.provider);
        if (kind == 3) return market.getOrder(lease.orderId).tenant;
        return outsider(seed >> 8);
    }

    /// @dev 0 ack, 1 commit, 2 complete, 3 release; returns whether it succeeded and the revert data.
    function _providerCall(address caller, uint256 leaseId, uint32 epoch, uint256 action, uint64 step)
        private
        returns (bool, bytes memory)
    {
        bytes memory data;
        if (action == 0) data = abi.encodeCall(ILeaseMarket.ackLease, (leaseId, epoch));
        else if (action == 1) data = abi.encodeCall(ILeaseMarket.commitCheckpoint, (leaseId, epoch, hex"01551220aa", step + 1, 1));
        else if (action == 2) data = abi.encodeCall(ILeaseMarket.completeLease, (leaseId, epoch, hex"01551220bb"));
        else data = abi.encodeCall(ILeaseMarket.releaseLease, (leaseId, epoch));
        vm.prank(caller);
        return address(market).call(data);
    }

    function _expectRefusal(bytes32 property, bool ok, bytes memory reason, bytes4 expected, string memory what) private {
        if (ok) {
            ghosts.fail(property, string.concat(what, " succeeded"));
        } else if (reason.length < 4 || bytes4(reason) != expected) {
            ghosts.fail(property, string.concat(what, " was refused for another reason than the one attacked"));
        } else {
            ghosts.count(property);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Batches
    // ------------------------------------------------------------------------------------------------------------

    /// @notice A batch of up to four reportable leases, sometimes with one that is not reportable or one named twice,
    /// reported by anyone: an outsider, the provider's accomplice, its owner, its operator or the tenant.
    function reportBatch(uint256 leaseSeed, uint256 reporterSeed, uint256 shapeSeed) external {
        uint256[] memory batch = _batchOf(leaseSeed, shapeSeed);
        if (batch.length == 0) return;
        LeaseInfo memory first = market.getLease(batch[0]);
        // every possible reporter is already summed by the invariants: outsiders and accomplices were added at setup
        address reporter = _reporter(first.provider, first.orderId, reporterSeed);

        BatchCheck memory check = _beforeBatch(batch, reporter);
        vm.prank(reporter);
        try market.reportMissedHeartbeat(batch) {
            _afterBatch(batch, check, reporterSeed % 5 < 2 || reporterSeed % 5 == 3);
        } catch {
            if (!check.duplicate && check.allReportable) ghosts.fail("batch", "a batch of reportable leases was refused");
            else ghosts.count("batchRefused");
        }
    }

    /// @dev 1-4 distinct reportable leases from a random start; a quarter of the time one lease that is not
    /// reportable is added, and a quarter of the time one of them is named again.
    function _batchOf(uint256 leaseSeed, uint256 shapeSeed) private view returns (uint256[] memory batch) {
        uint256 wanted = 1 + shapeSeed % MAX_REPORT_BATCH;
        batch = new uint256[](wanted + 2);
        uint256 length = 0;
        uint256 count = market.leaseCount();
        bool addUnreportable = (shapeSeed >> 8) % 4 == 0;
        for (uint256 i = 0; i < count; ++i) {
            uint256 leaseId = 1 + (leaseSeed + i) % count;
            bool reportable = _isReportable(market.getLease(leaseId));
            if (reportable && length < wanted) {
                batch[length++] = leaseId;
            } else if (!reportable && addUnreportable && length > 0) {
                batch[length++] = leaseId;
                addUnreportable = false;
            }
        }
        if (length > 0 && (shapeSeed >> 16) % 4 == 0) {
            batch[length] = batch[(shapeSeed >> 24) % length];
            ++length;
        }
        // shorten the array to what was filled (the allocation above is the most it can hold)
        assembly ("memory-safe") {
            mstore(batch, length)
        }
    }

    function _reporter(address provider, uint256 orderId, uint256 seed) private view returns (address) {
        uint256 kind = seed % 5;
        if (kind == 0) return outsider(seed >> 8);
        if (kind == 1) return accomplice(provider);
        if (kind == 2) return provider;
        if (kind == 3) return registry.operatorOf(provider);
        return market.getOrder(orderId).tenant;
    }

    struct BatchCheck {
        bool duplicate;
        bool allReportable;
        uint32[] epochs;
        uint256 expectedFees;
        address reporter;
        uint256 reporterBefore;
    }

    /// @dev What a successful batch must do, computed before it: each lease is slashed slashBps of its backing (capped
    /// by what its provider still holds after the batch's earlier slashes) and the reporter earns finderFeeBps of it.
    function _beforeBatch(uint256[] memory batch, address reporter) private view returns (BatchCheck memory check) {
        check.allReportable = true;
        check.epochs = new uint32[](batch.length);
        address[] memory providers = new address[](batch.length);
        uint256[] memory left = new uint256[](batch.length);
        for (uint256 i = 0; i < batch.length; ++i) {
            for (uint256 j = 0; j < i; ++j) {
                if (batch[i] == batch[j]) check.duplicate = true;
            }
            LeaseInfo memory lease = market.getLease(batch[i]);
            check.epochs[i] = lease.epoch;
            if (!_isReportable(lease)) {
                check.allReportable = false;
                continue;
            }
            uint256 slot = _slotOf(providers, left, lease.provider);
            OrderTerms memory terms = market.getOrderTerms(lease.orderId);
            uint256 amount = market.getOrder(lease.orderId).stakePerPosition * terms.slashBps / BPS;
            uint256 slashed = amount < left[slot] ? amount : left[slot];
            left[slot] -= slashed;
            check.expectedFees += slashed * terms.finderFeeBps / BPS;
        }
        check.reporter = reporter;
        check.reporterBefore = market.withdrawable(reporter);
    }

    function _slotOf(address[] memory providers, uint256[] memory left, address provider) private view returns (uint256 i) {
        for (i = 0; providers[i] != address(0); ++i) {
            if (providers[i] == provider) return i;
        }
        providers[i] = provider;
        left[i] = _holdings(provider);
    }

    /// @param feeOnly the reporter receives nothing but the finder's fee (not the owner, whose lease is settled, nor
    /// the tenant, who may be refunded)
    function _afterBatch(uint256[] memory batch, BatchCheck memory check, bool feeOnly) private {
        if (check.duplicate) ghosts.fail("batch", "a batch naming one lease twice was accepted");
        if (!check.allReportable) ghosts.fail("batch", "a batch report succeeded on a lease that was not reportable");
        for (uint256 i = 0; i < batch.length; ++i) {
            if (market.getLease(batch[i]).epoch != check.epochs[i] + 1) {
                ghosts.fail("batch", "a reported lease's epoch did not advance exactly once");
            }
        }
        uint256 gained = market.withdrawable(check.reporter) - check.reporterBefore;
        if (feeOnly && gained != check.expectedFees) {
            ghosts.fail("finderFee", "the reporter's fee differs from finderFeeBps of the slashes");
        }
        ghosts.count("reportBatch");
    }

    /// @notice Settles 2-3 leases, sometimes one twice: every second is paid once (providers and treasury together
    /// receive exactly price x newly settled seconds of each distinct lease).
    function settleBatch(uint256 seedA, uint256 seedB, bool duplicate) external {
        uint256[] memory batch = new uint256[](2 + seedB % 2);
        for (uint256 i = 0; i < batch.length; ++i) {
            (bool found, uint256 leaseId) = _leaseIn(uint256(keccak256(abi.encode(seedA, i))), LeaseState.Running);
            if (!found) return;
            batch[i] = leaseId;
        }
        if (duplicate) batch[batch.length - 1] = batch[0];
        uint256[] memory settledBefore = new uint256[](batch.length);
        for (uint256 i = 0; i < batch.length; ++i) settledBefore[i] = market.getLease(batch[i]).settledUntil;
        uint256 paidBefore = _providersAndTreasury(batch);
        try market.settleLeases(batch) {
            uint256 owed = 0;
            for (uint256 i = 0; i < batch.length; ++i) {
                if (_seenBefore(batch, i)) continue;
                LeaseInfo memory lease = market.getLease(batch[i]);
                owed += (lease.settledUntil - settledBefore[i]) * lease.pricePerSecond;
            }
            if (_providersAndTreasury(batch) - paidBefore != owed) {
                ghosts.fail("settle", "a settlement batch paid other than price x newly settled seconds");
            }
            ghosts.count("settleBatch");
        } catch {}
    }

    /// @notice An outsider, accomplice or other attacker account withdraws what it earned.
    function withdrawExtra(uint256 seed) external {
        address[] memory all = ghosts.accounts();
        address account = all[seed % all.length];
        uint256 owed = market.withdrawable(account);
        if (owed == 0) return;
        uint256 before = token.balanceOf(account);
        vm.prank(account);
        market.withdraw();
        if (token.balanceOf(account) - before != owed || market.withdrawable(account) != 0) {
            ghosts.fail("withdraw", "a withdrawal paid other than the balance, or left it");
        }
        ghosts.count("withdrawExtra");
    }

    function _seenBefore(uint256[] memory batch, uint256 i) private pure returns (bool) {
        for (uint256 j = 0; j < i; ++j) {
            if (batch[j] == batch[i]) return true;
        }
        return false;
    }

    /// @dev Balances of the batch's distinct providers (a provider registered mid-run included) and the treasury.
    function _providersAndTreasury(uint256[] memory batch) private view returns (uint256 total) {
        for (uint256 i = 0; i < batch.length; ++i) {
            address provider = market.getLease(batch[i]).provider;
            bool counted = false;
            for (uint256 k = 0; k < i; ++k) counted = counted || market.getLease(batch[k]).provider == provider;
            if (!counted) total += market.withdrawable(provider);
        }
        total += market.withdrawable(market.treasury());
    }
}
