// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";
import {HandlerBase} from "./HandlerBase.t.sol";

/// @title Invariant-test actors that leave at the worst moment: a provider whose lease is reportable first moves all
/// its free stake to unbonding, then exits every way it can, then withdraws whatever has matured; a tenant closes a
/// lease whose provider went silent
/// @dev Whatever the route, the fault is settled like a report would settle it: slashBps of the position's backing
/// (capped by what the provider holds, unbonding entries included), the provider jailed, and nobody paid for the
/// silence.
contract ExitHandler is HandlerBase {
    constructor(DevToken token_, ProviderRegistry registry_, ILeaseMarket market_, AttackGhosts ghosts_, address[] memory owners_)
        HandlerBase(token_, registry_, market_, ghosts_, owners_)
    {}

    struct ExitCheck {
        uint256 leaseId;
        address provider;
        uint256 holdingsBefore;
        uint256 expectedSlash;
        uint256 paidBefore;
        uint256 payableUntil;
        uint256 settledBefore;
        uint256 price;
    }

    /// @param route 0 release by the owner, 1 release by the operator, 2 complete, 3 close at expiry (or when due) by
    /// the owner, 4 a report by the provider's accomplice
    function exitAroundSlash(uint256 leaseSeed, uint256 route, bool withdrawAfter) external {
        (bool found, uint256 leaseId) = _reportableLease(leaseSeed);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        address provider = lease.provider;
        _unbondAllAndWithdraw(provider);
        ExitCheck memory check = _beforeExit(leaseId, lease);

        route %= 5;
        if (route == 2 && lease.kind != OrderKind.Stateful) route = 0;
        address caller = route == 1 || route == 2 ? registry.operatorOf(provider) : route == 4 ? accomplice(provider) : provider;
        bytes memory data = route <= 1
            ? abi.encodeCall(ILeaseMarket.releaseLease, (leaseId, lease.epoch))
            : route == 2
                ? abi.encodeCall(ILeaseMarket.completeLease, (leaseId, lease.epoch, hex"01551220cc"))
                : route == 3 ? abi.encodeCall(ILeaseMarket.closeDueLease, (leaseId)) : abi.encodeCall(ILeaseMarket.reportMissedHeartbeat, (_one(leaseId)));
        vm.prank(caller);
        (bool ok,) = address(market).call(data);
        if (!ok) {
            ghosts.fail("exit", "a provider could not exit (or be reported from) a reportable lease");
            return;
        }
        uint256 withdrawn = withdrawAfter ? _withdrawUnbonded(provider) : 0;
        _afterExit(check, withdrawn);
    }

    /// @notice The tenant closes a lease whose provider went silent: the provider is paid through its last sign of
    /// life at most.
    function tenantCloseWhileSilent(uint256 leaseSeed) external {
        (bool found, uint256 leaseId) = _reportableLease(leaseSeed);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        uint256 lastSign = registry.lastHeartbeat(lease.provider);
        if (lease.startedAt > lastSign) lastSign = lease.startedAt;
        if (lease.checkpointAt > lastSign) lastSign = lease.checkpointAt;
        uint256 before = market.withdrawable(lease.provider);
        vm.prank(market.getOrder(lease.orderId).tenant);
        market.closeLease(leaseId);
        uint256 paid = market.withdrawable(lease.provider) - before;
        if (lastSign < lease.settledUntil) lastSign = lease.settledUntil;
        if (paid > (lastSign - lease.settledUntil) * lease.pricePerSecond) {
            ghosts.fail("exit", "a tenant's close paid a silent provider past its last sign of life");
        }
        ghosts.count("tenantCloseWhileSilent");
    }

    function _beforeExit(uint256 leaseId, LeaseInfo memory lease) private view returns (ExitCheck memory check) {
        OrderTerms memory terms = market.getOrderTerms(lease.orderId);
        check.leaseId = leaseId;
        check.provider = lease.provider;
        check.holdingsBefore = _holdings(lease.provider);
        uint256 slash = market.getOrder(lease.orderId).stakePerPosition * terms.slashBps / BPS;
        check.expectedSlash = slash < check.holdingsBefore ? slash : check.holdingsBefore;
        check.paidBefore = market.withdrawable(lease.provider);
        check.settledBefore = lease.settledUntil;
        check.price = lease.pricePerSecond;
        // the fault cut-off: the last checkpoint (Stateful) or the last sign of life (Stateless)
        uint256 beat = registry.lastHeartbeat(lease.provider);
        uint256 cutoff = lease.kind == OrderKind.Stateful ? lease.checkpointAt : (beat > lease.startedAt ? beat : lease.startedAt);
        if (cutoff > lease.endsAt) cutoff = lease.endsAt;
        check.payableUntil = cutoff > lease.settledUntil ? cutoff : lease.settledUntil;
    }

    function _afterExit(ExitCheck memory check, uint256 withdrawn) private {
        uint256 holdingsAfter = _holdings(check.provider);
        if (holdingsAfter + withdrawn + check.expectedSlash != check.holdingsBefore) {
            ghosts.fail("exit", "an exit around unbonding and withdrawal did not cost exactly the fault's slash");
        }
        if (!registry.isJailed(check.provider)) ghosts.fail("exit", "a provider left a reportable lease unjailed");
        uint256 paid = market.withdrawable(check.provider) - check.paidBefore;
        if (paid > (check.payableUntil - check.settledBefore) * check.price) {
            ghosts.fail("exit", "a provider was paid for its silence on the way out");
        }
        LeaseInfo memory lease = market.getLease(check.leaseId);
        if (lease.provider == check.provider && lease.state != LeaseState.Closed) {
            ghosts.fail("exit", "the provider still holds the lease it left");
        }
        ghosts.count("exitAroundSlash");
    }

    function _unbondAllAndWithdraw(address provider) private {
        uint256 free = registry.freeStake(provider);
        if (free != 0) {
            vm.prank(provider);
            registry.requestUnbond(free);
        }
        _withdrawUnbonded(provider);
    }

    /// @return withdrawn what the owner received (zero when nothing had matured)
    function _withdrawUnbonded(address provider) private returns (uint256 withdrawn) {
        uint256 before = token.balanceOf(provider);
        vm.prank(provider);
        try registry.withdrawUnbonded() {} catch {}
        withdrawn = token.balanceOf(provider) - before;
    }
}
