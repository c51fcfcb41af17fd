// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketInvariantSetup} from "./invariant/MarketInvariantSetup.t.sol";

/// @notice The attacking handlers must reach what they attack, or the invariants over their ghosts prove nothing:
/// a fixed pseudo-random walk over every handler's actions must make every attack land (refused, or accepted and
/// checked) at least once, with no violation.
contract AttackersReachTest is MarketInvariantSetup {
    struct Action {
        address target;
        bytes4 selector;
        uint8 boolArguments; // bit i set: argument i is a bool (so it must encode as 0 or 1)
    }

    function test_Attackers_ReachEveryAttack() public {
        Action[] memory actions = allActions();
        uint256 seed = 7;
        for (uint256 i = 0; i < 900; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            Action memory action = actions[seed % actions.length];
            uint256[4] memory arguments = [seed >> 8, seed >> 64, seed >> 128, seed >> 192];
            for (uint256 k = 0; k < 4; ++k) {
                if (action.boolArguments & (1 << k) != 0) arguments[k] %= 2;
            }
            (bool ok,) = action.target.call(
                abi.encodeWithSelector(action.selector, arguments[0], arguments[1], arguments[2], arguments[3])
            );
            ok; // actions may revert by design (the invariant runner ignores those too)
        }
        string[12] memory attacks = [
            "staleEpoch", "wrongCaller", "settleBatch", "scheduleMarket", "scheduleRegistry", "applyScheduled",
            "scheduleWithoutTheRole", "applyEarlyRefused", "cancelScheduled", "changeOperator", "updateMetadata",
            "oldKeyRefused"
        ];
        assertNoViolation();
        string[] memory names = new string[](attacks.length);
        for (uint256 i = 0; i < attacks.length; ++i) names[i] = attacks[i];
        assertLanded(names);
    }

    /// @notice Batches need several leases reportable at once, which takes a silence of every provider that a random
    /// walk rarely produces: build a busy market through the honest handler, let every provider fall silent, then
    /// attack it through the attacking handlers (so every check in them runs).
    function test_Attackers_LandOnAMarketGoneSilent() public {
        buildMarket();
        vm.warp(block.timestamp + HEARTBEAT_TIMEOUT + 1);
        // shape: wanted = 1 + shape % 4; (shape >> 8) % 4 == 0 adds an unreportable lease; (shape >> 16) % 4 == 0 a twin
        attacker.reportBatch(0, 0, 1 << 8); // an outsider, one lease named twice: refused
        attacker.reportBatch(1, 1, 1 | 1 << 16); // the accomplice, with a lease that is not reportable: refused
        leaver.tenantCloseWhileSilent(3);
        leaver.exitAroundSlash(4, 4, true);
        attacker.reportBatch(2, 1, 1 | 1 << 8 | 1 << 16); // the accomplice, two reportable leases: accepted
        attacker.reportBatch(5, 3, 3 | 1 << 8 | 1 << 16); // the provider's operator reports the rest
        for (uint256 k = 0; k < 10; ++k) attacker.withdrawExtra(k); // the accomplice takes its fee
        string[] memory attacks = new string[](5);
        (attacks[0], attacks[1], attacks[2], attacks[3], attacks[4]) =
            ("reportBatch", "batchRefused", "tenantCloseWhileSilent", "exitAroundSlash", "withdrawExtra");
        assertNoViolation();
        assertLanded(attacks);
    }

    /// @notice An older epoch needs a lease that changed hands, which a random walk reaches only now and then: one
    /// provider falls silent, its leases are reported and handed to live standbys, and the new holders (and the owner,
    /// for release) act with every older epoch.
    function test_Attackers_StaleEpochsAfterAHandOver() public {
        buildMarket();
        vm.warp(block.timestamp + HEARTBEAT_TIMEOUT + 1);
        address silent = market.getLease(market.getOrder(3).firstLeaseId).provider; // order 3 has two standbys
        uint256 index = 0;
        while (handler.owners()[index] != silent) ++index;
        handler.heartbeatAll(index << 8); // seed % 4 == 0: every provider but `silent` beats now
        attacker.reportBatch(0, 0, 3 | 1 << 8 | 1 << 16); // an outsider reports up to four of its leases
        uint256 handedOver = 0;
        for (uint256 id = 1; id <= market.leaseCount(); ++id) {
            if (market.getLease(id).epoch > 0 && market.getLease(id).provider != address(0)) ++handedOver;
        }
        assertGt(handedOver, 0, "leases handed to a standby");
        for (uint256 k = 0; k < 8; ++k) attacker.staleEpochCall(k, k, 0);
        assertNoViolation();
        assertGt(ghosts.successes("staleEpoch"), 7, "stale-epoch calls refused for their epoch");
    }

    /// @notice Orders keep the terms they were created with: after a change of the finder's fee applied mid-lease
    /// (the two-day wait leaves every provider silent), reports of the old leases pay the old fee.
    function test_Attackers_ParameterChangeMidLease_OldLeasesKeepTheirTerms() public {
        buildMarket();
        parameterChanger.scheduleMarketParameters(uint256(4000) << 48); // finderFeeBps 4000 (was 1000)
        parameterChanger.applyScheduled(0);
        assertEq(market.finderFeeBps(), 4000, "the new finder's fee applies to new orders");
        for (uint256 k = 0; k < 3; ++k) attacker.reportBatch(k, 3 * k, 1 | 1 << 8 | 1 << 16); // outsider, operator
        assertNoViolation();
        assertGt(ghosts.successes("reportBatch"), 0, "reports of leases created before the change");
    }

    /// @notice The newcomers' actions land: a provider registered mid-run wins the lease of an order paid by permit,
    /// acknowledges and checkpoints it through the honest handler; every bad permit and bad registration is refused;
    /// the stakes and escrows stay summed with the newcomers in.
    function test_Newcomers_PermitOrderLeasedToAProviderRegisteredMidRun() public {
        handler.heartbeatAll(6 << 8); // every provider of the first six up
        onboarding.registerProvider(2); // four GPUs
        address newcomer = onboarding.newOwner(1);
        assertEq(registry.providerOfOperator(onboarding.keyAddress(1)), newcomer, "the new operator is bound");
        assertEq(handler.owners().length, 7, "the honest handler acts for the newcomer");
        // shape 0: one replica, no standby, stateful, 60 s, bid window 10 s; price 1e12 per second
        permits.createOrderWithPermit(0, 1e15, 100);
        uint256 orderId = market.orderCount();
        assertEq(market.getOrder(orderId).tenant, permits.permitTenant(), "the order paid by permit");
        handler.placeOffer(6, 0, 0); // the newcomer offers first at the lowest price; the next two are not better
        vm.warp(block.timestamp + 11);
        handler.heartbeatAll(7 << 8); // (seed >> 8) % 8 == 7: all seven up
        handler.finalize(0, true);
        uint256 leaseId = market.getOrder(orderId).firstLeaseId;
        assertEq(market.getLease(leaseId).provider, newcomer, "the newcomer holds the permit order's lease");
        handler.ack(0);
        handler.commit(0, 1);
        assertEq(uint256(market.getLease(leaseId).state), uint256(LeaseState.Running), "the lease runs");
        assertGt(market.getLease(leaseId).checkpointStep, 0, "the newcomer checkpoints");
        for (uint256 kind = 0; kind < 5; ++kind) permits.badPermit(kind, kind, 1e15 + kind);
        for (uint256 kind = 0; kind < 5; ++kind) onboarding.badRegistration(kind, kind * 3);
        onboarding.badRegistration(0, 1 << 8); // the newcomer's own operator, bound to it
        onboarding.registerProvider(0); // a second newcomer after the attacks
        assertEq(onboarding.registered(), 2, "the attacks left the next registration possible");
        string[] memory attacks = new string[](12);
        (attacks[0], attacks[1], attacks[2], attacks[3], attacks[4], attacks[5]) =
            ("permitOrder", "permitExpired", "permitWrongSigner", "permitReplayed", "permitTooLow", "registerProvider");
        (attacks[6], attacks[7], attacks[8], attacks[9], attacks[10], attacks[11]) =
            ("regBoundOperator", "regLowStake", "regWrongKey", "regOtherConsent", "regTwice", "permitTooLowApplied");
        assertNoViolation();
        assertLanded(attacks);
        assertStakesAndEscrowsSummed();
    }

    /// @dev The conservation sums of InvariantsTest, with the newcomers in the honest handler's and the ghosts' lists.
    function assertStakesAndEscrowsSummed() internal view {
        uint256 staked = 0;
        address[] memory owners = handler.owners();
        for (uint256 i = 0; i < owners.length; ++i) {
            staked += registry.getProvider(owners[i]).stake + registry.getProvider(owners[i]).unbondingStake;
        }
        assertEq(token.balanceOf(address(registry)), staked, "registry tokens = stakes + unbonding entries");
        uint256 owed = 0;
        for (uint256 id = 1; id <= market.orderCount(); ++id) owed += market.getOrder(id).escrow;
        for (uint256 id = 1; id <= market.leaseCount(); ++id) owed += market.getLease(id).escrow;
        address[] memory accounts = handler.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) owed += market.withdrawable(accounts[i]);
        accounts = ghosts.accounts();
        for (uint256 i = 0; i < accounts.length; ++i) owed += market.withdrawable(accounts[i]);
        assertEq(token.balanceOf(address(market)), owed, "market tokens = escrows + withdrawable balances");
    }

    /// @dev Five orders (some with standbys), offered on by every provider, finalized and acknowledged.
    function buildMarket() internal {
        handler.heartbeatAll(6 << 8); // seed % 4 == 0 and (seed >> 8) % 7 == 6: every provider up
        for (uint256 k = 0; k < 5; ++k) {
            handler.createOrder(k, k, (k % 3) << 16, 1e15);
        }
        for (uint256 k = 0; k < 6; ++k) handler.placeOffer(k, k, k + 1);
        for (uint256 k = 0; k < 5; ++k) handler.finalize(k, true);
        for (uint256 k = 0; k < 10; ++k) handler.ack(k);
    }

    function assertNoViolation() internal view {
        string[11] memory properties = [
            "staleEpoch", "wrongCaller", "batch", "finderFee", "settle", "withdraw", "parameters", "exit", "identity",
            "permit", "onboarding"
        ];
        for (uint256 i = 0; i < properties.length; ++i) {
            assertEq(ghosts.violation(bytes32(bytes(properties[i]))), "", properties[i]);
        }
    }

    function assertLanded(string[] memory attacks) internal view {
        string memory neverLanded = "";
        for (uint256 i = 0; i < attacks.length; ++i) {
            if (ghosts.successes(bytes32(bytes(attacks[i]))) == 0) neverLanded = string.concat(neverLanded, " ", attacks[i]);
        }
        assertEq(neverLanded, "", "attacks that never landed");
    }

    function allActions() internal view returns (Action[] memory list) {
        bytes4[] memory market = handlerActions();
        bytes4[] memory attacks = attackerActions();
        bytes4[] memory parameters = parameterActions();
        bytes4[] memory exits = exitActions();
        bytes4[] memory identities = identityActions();
        bytes4[] memory newcomers = newcomerActions();
        list = new Action[](
            market.length + attacks.length + parameters.length + exits.length + identities.length + newcomers.length
        );
        uint256 n = 0;
        for (uint256 i = 0; i < market.length; ++i) list[n++] = Action(address(handler), market[i], marketBools(market[i]));
        for (uint256 i = 0; i < attacks.length; ++i) {
            list[n++] = Action(address(attacker), attacks[i], attacks[i] == attacker.settleBatch.selector ? 4 : 0);
        }
        for (uint256 i = 0; i < parameters.length; ++i) {
            bool firstIsBool = parameters[i] == parameterChanger.cancelScheduled.selector
                || parameters[i] == parameterChanger.applyEarly.selector;
            list[n++] = Action(address(parameterChanger), parameters[i], firstIsBool ? 1 : 0);
        }
        for (uint256 i = 0; i < exits.length; ++i) {
            list[n++] = Action(address(leaver), exits[i], exits[i] == leaver.exitAroundSlash.selector ? 4 : 0);
        }
        for (uint256 i = 0; i < identities.length; ++i) list[n++] = Action(address(identity), identities[i], 0);
        for (uint256 i = 0; i < newcomers.length; ++i) {
            list[n++] = Action(i < 2 ? address(permits) : address(onboarding), newcomers[i], 0);
        }
    }

    function newcomerActions() internal view returns (bytes4[] memory list) {
        (bytes4[] memory paid, bytes4[] memory registered) = (permitActions(), onboardingActions());
        list = new bytes4[](4);
        (list[0], list[1], list[2], list[3]) = (paid[0], paid[1], registered[0], registered[1]);
    }

    function marketBools(bytes4 selector) internal view returns (uint8) {
        bool secondIsBool = selector == handler.finalize.selector || selector == handler.release.selector
            || selector == handler.reportMissedHeartbeat.selector;
        return secondIsBool ? 2 : 0;
    }
}
