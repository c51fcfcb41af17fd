// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketInvariantSetup} from "./invariant/MarketInvariantSetup.t.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";

/// @notice Handler-based invariant tests of the invariants in docs/protocol.md §6. Runs and depth come from hardhat.config.js
/// (DEPIN_INVARIANT_RUNS, DEPIN_INVARIANT_DEPTH; defaults 256 x 100). The honest market (MarketHandler) runs beside
/// attacking actors (issue 20 §2), each in its own handler contract so none nears the code size limit: AttackerHandler
/// (stale epochs, wrong callers, batches, reports from anyone), ParameterHandler (changes mid-lease, changes without
/// the role or the delay), ExitHandler (exits of a reportable lease around unbonding and withdrawal), IdentityHandler
/// (operator changes), PermitOrderHandler (orders paid by EIP-2612 permit; expired, foreign, replayed and short
/// permits) and OnboardingHandler (providers registered mid-run, who then serve leases; bad registrations).
contract InvariantsTest is MarketInvariantSetup {
    /// Tokens held by the contracts = every escrow + every withdrawable balance (accrued payments, refunds, finder's
    /// fees, protocol fees) in the market, and every stake + unbonding entry in the registry.
    function invariant_TokensHeldEqualLiabilities() public view {
        uint256 owed = 0;
        for (uint256 id = 1; id <= market.orderCount(); ++id) {
            owed += market.getOrder(id).escrow;
        }
        for (uint256 id = 1; id <= market.leaseCount(); ++id) {
            owed += market.getLease(id).escrow;
        }
        address[] memory accounts = handler.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) {
            owed += market.withdrawable(accounts[i]);
        }
        accounts = ghosts.accounts(); // outsiders, accomplices, the second treasury: none is in the list above
        for (uint256 i = 0; i < accounts.length; ++i) {
            owed += market.withdrawable(accounts[i]);
        }
        assertEq(token.balanceOf(address(market)), owed, "market tokens = escrows + withdrawable balances");

        uint256 staked = 0;
        address[] memory owners = handler.owners();
        for (uint256 i = 0; i < owners.length; ++i) {
            IProviderRegistry.ProviderInfo memory info = registry.getProvider(owners[i]);
            staked += info.stake + info.unbondingStake;
        }
        assertEq(token.balanceOf(address(registry)), staked, "registry tokens = stakes + unbonding entries");
    }

    /// Locked stake = stakePerPosition for every offer in an open order's book, every queued standby and every lease
    /// a provider holds (Assigned or Running): no lock leaks and no lock is released twice.
    function invariant_LockedStakeMatchesPositions() public view {
        address[] memory owners = handler.owners();
        uint256[] memory expected = new uint256[](owners.length);
        for (uint256 id = 1; id <= market.orderCount(); ++id) {
            OrderInfo memory order = market.getOrder(id);
            if (order.state == OrderState.Open) {
                OfferInfo[] memory offers = market.getOffers(id);
                for (uint256 k = 0; k < offers.length; ++k) {
                    expected[indexOf(owners, offers[k].provider)] += order.stakePerPosition;
                }
            } else if (order.state == OrderState.Finalized) {
                StandbyInfo[] memory standbys = market.getStandbys(id);
                for (uint256 k = 0; k < standbys.length; ++k) {
                    expected[indexOf(owners, standbys[k].provider)] += order.stakePerPosition;
                }
            }
        }
        for (uint256 id = 1; id <= market.leaseCount(); ++id) {
            LeaseInfo memory lease = market.getLease(id);
            if (lease.state == LeaseState.Assigned || lease.state == LeaseState.Running) {
                expected[indexOf(owners, lease.provider)] += market.getOrder(lease.orderId).stakePerPosition;
            }
        }
        for (uint256 i = 0; i < owners.length; ++i) {
            assertEq(registry.getProvider(owners[i]).lockedStake, expected[i], "locked stake = open positions");
        }
    }

    /// @notice What the attacking handlers record (issue 20 §2), checked in one campaign (each invariant function is a
    /// campaign of its own, and these share one walk): calls with a stale epoch or from anyone but the lease's operator
    /// are refused for that reason; a report batch is accepted exactly when every lease in it is reportable and named
    /// once, and its reporter, whoever it is (the provider's accomplice included), earns exactly finderFeeBps of each
    /// slash; settling (duplicates included) and withdrawing pay once; parameters change only by the role after the
    /// delay and never move an existing order's terms; leaving a reportable lease around unbonding and withdrawal costs
    /// the fault's slash, jails, and pays nothing for the silence; a replaced operator key loses its provider's leases;
    /// a bad permit or a bad registration is refused for its exact reason and changes nothing.
    function invariant_AttacksAreRefusedOrSettledInFull() public view {
        assertEq(ghosts.violation("staleEpoch"), "", "stale epochs");
        assertEq(ghosts.violation("wrongCaller"), "", "wrong callers");
        assertEq(ghosts.violation("batch"), "", "report batches");
        assertEq(ghosts.violation("finderFee"), "", "finder's fees");
        assertEq(ghosts.violation("settle"), "", "settlement batches");
        assertEq(ghosts.violation("withdraw"), "", "withdrawals");
        assertEq(ghosts.violation("parameters"), "", "parameter changes");
        assertEq(ghosts.violation("exit"), "", "exits around a slash");
        assertEq(ghosts.violation("identity"), "", "operator changes");
        assertEq(ghosts.violation("permit"), "", "orders paid by permit");
        assertEq(ghosts.violation("onboarding"), "", "registrations mid-run");
    }

    function invariant_EpochsOnlyIncrease() public view {
        assertEq(handler.epochViolation(), "", "epochs only increase");
    }

    function invariant_OneProviderPerLeasePerEpoch() public view {
        assertEq(handler.providerViolation(), "", "one provider per lease per epoch");
    }

    function invariant_NobodyPaidPastCutoff() public view {
        assertEq(handler.cutoffViolation(), "", "nobody is paid past its cut-off");
    }

    function invariant_SlashNeverExceedsStake() public view {
        assertEq(handler.slashViolation(), "", "a slash never exceeds stake");
    }

    function invariant_UnbondingCannotDodgeSlash() public view {
        assertEq(handler.unbondingViolation(), "", "unbonding cannot dodge a slash");
    }

    /// @notice Issue 11 F1, F2, F4: releasing, completing or closing at expiry a lease that was reportable settles
    /// the fault (slashBps of the backing, jail) like the report would.
    function invariant_NoExitFromAReportableLeaseWithoutTheFaultsSettlement() public view {
        assertEq(handler.exitViolation(), "", "no penalty-free exit from a reportable lease");
    }

    /// The handler must reach every state transition, or the invariants above prove little: drive it with a fixed
    /// pseudo-random sequence and require every action to have succeeded at least once, then check the invariants.
    function test_Handler_ReachesEveryAction() public {
        bytes4[] memory actions = handlerActions();
        uint256 seed = 42;
        for (uint256 i = 0; i < 500; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            bytes4 action = actions[seed % actions.length];
            uint256 a = seed >> 8;
            uint256 b = seed >> 64;
            uint256 c = seed >> 128;
            bool boolSecond = action == handler.finalize.selector || action == handler.release.selector
                || action == handler.reportMissedHeartbeat.selector;
            if (boolSecond) b %= 2; // those take (uint256, bool): a bool must encode as 0 or 1
            (bool ok,) = address(handler).call(abi.encodeWithSelector(action, a, b, c, seed >> 192));
            ok; // individual actions may revert by design (the invariant runner ignores those too)
        }
        _driveSlowPaths();
        string[25] memory names = [
            "createOrder", "cancelOrder", "finalize", "topUp", "closeLease", "heartbeat", "placeOffer",
            "offerReplacement", "ack", "commit", "complete", "release", "leaveStandby", "requestUnbond",
            "withdrawUnbonded", "addStake", "unjail", "advanceTime", "reportMissedHeartbeat", "reportStartTimeout",
            "settle", "closeDue", "withdraw", "unbondBeforeReport", "heartbeatAll"
        ];
        string memory neverSucceeded = "";
        for (uint256 i = 0; i < names.length; ++i) {
            if (handler.successes(bytes32(bytes(names[i]))) == 0) neverSucceeded = string.concat(neverSucceeded, " ", names[i]);
        }
        assertEq(neverSucceeded, "", "actions that never succeeded");
        invariant_TokensHeldEqualLiabilities();
        invariant_LockedStakeMatchesPositions();
        invariant_EpochsOnlyIncrease();
        invariant_OneProviderPerLeasePerEpoch();
        invariant_NobodyPaidPastCutoff();
        invariant_SlashNeverExceedsStake();
        invariant_UnbondingCannotDodgeSlash();
    }

    /// Jail expiry, lease expiry and dodge-by-unbonding need long silences that a few hundred random steps rarely
    /// produce; end with them explicitly, still through the handler (so every check in it runs).
    function _driveSlowPaths() internal {
        uint256 leases = market.leaseCount();
        vm.warp(block.timestamp + HEARTBEAT_TIMEOUT + 1); // one silence longer than the heartbeat timeout
        for (uint256 id = 0; id < leases; ++id) {
            handler.reportMissedHeartbeat(id, true);
        }
        vm.warp(block.timestamp + JAIL_PERIOD + 1);
        handler.unjail(0);
        vm.warp(block.timestamp + 1_000); // past every lease's longest duration (maxDuration < 960 s)
        for (uint256 id = 0; id < leases; ++id) {
            handler.closeDue(id);
        }
    }

    function indexOf(address[] memory list, address item) internal pure returns (uint256) {
        for (uint256 i = 0; i < list.length; ++i) {
            if (list[i] == item) return i;
        }
        revert("unknown provider");
    }
}
