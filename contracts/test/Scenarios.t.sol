// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";

/// @notice The end-to-end scenarios of issue 2 §3, every payout checked to the wei.
contract ScenariosTest is MarketFixture {
    uint16 internal constant FEE_BPS = 250;
    uint256 internal constant SLASH = MIN_STAKE_PER_GPU * SLASH_BPS / 10_000;
    uint256 internal constant FINDER = SLASH * FINDER_FEE_BPS / 10_000;

    function setUp() public override {
        super.setUp();
        changeMarketParameters(withProtocolFee(FEE_BPS));
        for (uint256 i = 1; i <= 4; ++i) {
            registerProvider(i);
        }
    }

    function fee(uint256 gross) internal pure returns (uint256) {
        return gross * FEE_BPS / 10_000;
    }

    /// Stateful lease with checkpoints; its provider dies; a verifier reports; the first standby takes it at epoch 1
    /// with the last checkpoint; the old provider is fenced off; the job completes; every payout is exact.
    function test_Stateful_ProviderDies_StandbyResumesFromCheckpoint_ExactPayouts() public {
        uint256 price1 = PRICE - 100;
        uint256 price2 = PRICE - 50;
        OrderRequest memory request = defaultRequest();
        uint256 escrow = request.escrow;
        uint256 orderId = orderWithOffers(request, prices3(price1, price2, PRICE));
        uint256 leaseId = finalize(orderId);

        skipTime(5);
        ack(1, leaseId); // t0 + 5
        skipTime(5);
        heartbeat(1); // t0 + 10
        skipTime(5);
        commit(1, leaseId, cid(10), 10); // t0 + 15
        skipTime(10);
        commit(1, leaseId, cid(20), 20); // t0 + 25: the last checkpoint
        skipTime(5);
        heartbeat(1); // t0 + 30: the last sign of life
        skipTime(10); // t0 + 40: dead since t0 + 36
        heartbeat(2);
        heartbeat(3);

        uint256 gross1 = 20 * price1; // t0 + 5 .. t0 + 25, not to the last heartbeat: that work is lost
        vm.prank(verifier);
        market.reportMissedHeartbeat(ids(leaseId));

        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(lease.provider, ownerOf(2), "first standby holds the lease");
        assertEq(lease.epoch, 1, "at epoch 1");
        assertEq(lease.pricePerSecond, price2, "at the standby's own price");
        assertEq(bytes32(lease.checkpointDigest), bytes32(bytes20(keccak256(cid(20)))), "resumes from checkpoint 20");
        assertEq(lease.checkpointStep, 20, "step 20");
        assertEq(lease.escrow, escrow - gross1 + SLASH - FINDER, "escrow after report");
        assertTrue(registry.isJailed(ownerOf(1)), "dead provider jailed");

        // the old provider, paused and resumed, is fenced off at epoch 0
        vm.startPrank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 0, 1));
        market.commitCheckpoint(leaseId, 0, cid(30), 30, 1);
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 0, 1));
        market.completeLease(leaseId, 0, cid(99));
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 0, 1));
        market.ackLease(leaseId, 0);
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 0, 1));
        market.releaseLease(leaseId, 0);
        // and at the new epoch it is simply not the provider
        vm.expectRevert(abi.encodeWithSelector(NotLeaseProvider.selector, leaseId, operatorOf(1)));
        market.commitCheckpoint(leaseId, 1, cid(30), 30, 1);
        vm.stopPrank();

        skipTime(5);
        ack(2, leaseId); // t0 + 45
        skipTime(15);
        commit(2, leaseId, cid(30), 30); // t0 + 60
        skipTime(40);
        heartbeat(2); // live at completion (a silent provider is settled as a fault instead)
        vm.prank(operatorOf(2));
        market.completeLease(leaseId, 1, cid(1000)); // t0 + 100
        uint256 gross2 = 55 * price2;

        uint256 refund = escrow - gross1 + SLASH - FINDER - gross2;
        assertEq(market.withdrawable(ownerOf(1)), gross1 - fee(gross1), "provider 1: to its checkpoint, minus fee");
        assertEq(market.withdrawable(ownerOf(2)), gross2 - fee(gross2), "provider 2: ack to completion, minus fee");
        assertEq(market.withdrawable(treasuryAccount), fee(gross1) + fee(gross2), "treasury fees");
        assertEq(market.withdrawable(verifier), FINDER, "finder's fee");
        assertEq(market.withdrawable(tenant), refund, "tenant refund");
        assertEq(market.withdrawable(ownerOf(3)), 0, "unused standby earns nothing");
        assertEq(
            token.balanceOf(address(market)),
            gross1 + gross2 + FINDER + refund,
            "market holds exactly what it owes"
        );
        assertEq(registry.getProvider(ownerOf(1)).stake, PROVIDER_STAKE - SLASH, "provider 1 slashed");
        assertEq(registry.getProvider(ownerOf(2)).stake, PROVIDER_STAKE, "provider 2 untouched");
        for (uint256 i = 1; i <= 3; ++i) {
            assertEq(registry.getProvider(ownerOf(i)).lockedStake, 0, "every position released");
        }
        assertEq(uint256(market.getOrder(orderId).state), uint256(OrderState.Closed), "order closed");

        // everybody withdraws; the market ends empty
        address[5] memory accounts = [ownerOf(1), ownerOf(2), treasuryAccount, verifier, tenant];
        for (uint256 i = 0; i < accounts.length; ++i) {
            vm.prank(accounts[i]);
            market.withdraw();
        }
        assertEq(token.balanceOf(address(market)), 0, "market empty");
    }

    /// Stateless order with 3 replicas: one provider dies; the other two leases are untouched.
    function test_Stateless_ThreeReplicas_OneDies_OthersUntouched() public {
        OrderRequest memory request = defaultRequest();
        request.kind = OrderKind.Stateless;
        request.replicas = 3;
        request.standbys = 1;
        request.escrow = 3 * PRICE * 3600;
        uint256 orderId = createOrder(request);
        offer(1, orderId, PRICE - 3);
        offer(2, orderId, PRICE - 2);
        offer(3, orderId, PRICE - 1);
        offer(4, orderId, PRICE);
        uint256 first = finalize(orderId);
        for (uint256 i = 0; i < 3; ++i) {
            ack(i + 1, first + i);
        }
        skipTime(8);
        heartbeat(3); // provider 3's last heartbeat: t0 + 8
        skipTime(12); // t0 + 20
        heartbeat(1);
        heartbeat(2);
        heartbeat(4);

        vm.prank(verifier);
        vm.expectRevert(
            abi.encodeWithSelector(ProviderStillLive.selector, first, ownerOf(1), uint64(block.timestamp + HEARTBEAT_TIMEOUT))
        );
        market.reportMissedHeartbeat(ids(first));

        LeaseInfo memory before0 = market.getLease(first);
        LeaseInfo memory before1 = market.getLease(first + 1);
        vm.prank(verifier);
        market.reportMissedHeartbeat(ids(first + 2));

        uint256 gross3 = 8 * (PRICE - 1); // through its last heartbeat
        assertEq(market.withdrawable(ownerOf(3)), gross3 - fee(gross3), "dead replica paid to its last heartbeat");
        LeaseInfo memory replaced = market.getLease(first + 2);
        assertEq(replaced.provider, ownerOf(4), "standby replaces the dead replica");
        assertEq(replaced.epoch, 1, "epoch 1");
        assertEq(replaced.escrow, PRICE * 3600 - gross3 + SLASH - FINDER, "escrow of the replaced replica");
        assertLeaseUnchanged(before0, market.getLease(first));
        assertLeaseUnchanged(before1, market.getLease(first + 1));
        assertEq(market.withdrawable(ownerOf(1)), 0, "live replicas not settled by the report");
        assertEq(registry.getProvider(ownerOf(1)).stake, PROVIDER_STAKE, "live provider 1 not slashed");
        assertEq(registry.getProvider(ownerOf(2)).stake, PROVIDER_STAKE, "live provider 2 not slashed");
    }

    /// Every standby is dead or jailed: the lease reopens for one bid window, a new provider takes it, work goes on.
    function test_AllStandbysDeadOrJailed_Reopen_ReOffer_Continue() public {
        (uint256 orderId, uint256 leaseId) = leaseWithUnusableStandbys();
        assertEq(uint256(market.getLease(leaseId).state), uint256(LeaseState.Reassigning), "reopened");
        assertEq(market.getStandbys(orderId).length, 0, "dead and jailed standbys dropped");
        assertEq(registry.getProvider(ownerOf(2)).lockedStake, 0, "dropped standby 2 unlocked");

        registerProvider(5);
        skipTime(30); // within the reopened bid window
        vm.prank(operatorOf(5));
        market.offerReplacement(leaseId, PRICE - 9);
        ack(5, leaseId);
        skipTime(10);
        commit(5, leaseId, cid(2), 2);
        skipTime(10);
        heartbeat(5);
        vm.prank(operatorOf(5));
        market.completeLease(leaseId, 1, cid(3));
        uint256 gross5 = 20 * (PRICE - 9);
        assertEq(market.withdrawable(ownerOf(5)), gross5 - fee(gross5), "replacement paid from its ack");
        assertEq(market.getLease(leaseId).closeReason, 200, "completed");
        assertEq(uint256(market.getOrder(orderId).state), uint256(OrderState.Closed), "order closed");
    }

    /// Every standby is dead or jailed and nobody offers within the window: NoReplacement, escrow refunded.
    function test_AllStandbysDeadOrJailed_NoReplacement_Refund() public {
        (uint256 orderId, uint256 leaseId) = leaseWithUnusableStandbys();
        uint256 escrow = market.getLease(leaseId).escrow;
        skipTime(61);
        registerProvider(5);
        vm.prank(operatorOf(5));
        vm.expectRevert(abi.encodeWithSelector(ReassignWindowClosed.selector, leaseId, uint64(block.timestamp - 1)));
        market.offerReplacement(leaseId, PRICE);
        uint256 tenantBefore = market.withdrawable(tenant);
        market.closeDueLease(leaseId);
        assertEq(market.getLease(leaseId).closeReason, 302, "no replacement");
        assertEq(market.withdrawable(tenant) - tenantBefore, escrow, "refund of the whole remaining escrow");
        // the tenant paid provider 1 only up to its last checkpoint and got the slash (minus the finder's fee)
        uint256 gross1 = 10 * PRICE;
        assertEq(escrow, PRICE * 3600 - gross1 + SLASH - FINDER, "remaining escrow");
        assertEq(uint256(market.getOrder(orderId).state), uint256(OrderState.Closed), "order closed");
    }

    /// Order B: provider 1 holds the lease, standbys 2 (never heart-beats) and 3 (jailed on order A). Provider 1 commits
    /// at t0 + 10, then dies; the report finds no usable standby.
    function leaseWithUnusableStandbys() internal returns (uint256 orderB, uint256 leaseB) {
        OrderRequest memory single = defaultRequest();
        single.standbys = 0;
        uint256 orderA = createOrder(single);
        offer(3, orderA, PRICE);
        uint256 leaseA = finalize(orderA);
        ack(3, leaseA);

        orderB = createOrder(defaultRequest());
        offer(1, orderB, PRICE);
        offer(2, orderB, PRICE);
        offer(3, orderB, PRICE);
        leaseB = finalize(orderB);
        ack(1, leaseB);
        skipTime(10);
        commit(1, leaseB, cid(1), 1);
        heartbeat(1);
        vm.prank(verifier);
        market.reportMissedHeartbeat(ids(leaseA)); // provider 3 is jailed
        heartbeat(3); // live again, but still jailed
        skipTime(HEARTBEAT_TIMEOUT + 1);
        heartbeat(3);
        vm.expectEmit(true, true, true, true, address(market));
        emit StandbyDropped(orderB, ownerOf(2), leaseB);
        vm.expectEmit(true, true, true, true, address(market));
        emit StandbyDropped(orderB, ownerOf(3), leaseB);
        vm.prank(verifier);
        market.reportMissedHeartbeat(ids(leaseB));
    }

    function assertLeaseUnchanged(LeaseInfo memory a, LeaseInfo memory b) internal pure {
        assertEq(a.provider, b.provider, "provider unchanged");
        assertEq(a.epoch, b.epoch, "epoch unchanged");
        assertEq(uint256(a.state), uint256(b.state), "state unchanged");
        assertEq(a.escrow, b.escrow, "escrow unchanged");
        assertEq(a.settledUntil, b.settledUntil, "settlement unchanged");
    }
}
