// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";

/// @notice LeaseMarket lease side: ack, checkpoints, completion, release, replacement offers, fault reports,
/// settlement, closing, top-up and withdrawal; every happy path and every revert with its exact error.
contract LeaseMarketLeasesTest is MarketFixture {
    uint256 internal constant STAKE_PER_POSITION = MIN_STAKE_PER_GPU; // gpusPerReplica = 1
    uint256 internal constant SLASH = STAKE_PER_POSITION * SLASH_BPS / 10_000;
    uint256 internal constant MINOR_SLASH = STAKE_PER_POSITION * MINOR_SLASH_BPS / 10_000;
    uint256 internal constant ESCROW = PRICE * 3600;

    uint256 internal orderId;
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        (orderId, leaseId) = runningStatefulLease(); // provider 1 holds it, 2 and 3 are standbys
    }

    function keepAlive(uint256 a, uint256 b) internal {
        heartbeat(a);
        heartbeat(b);
    }

    // ------------------------------------------------------------------------------------------------------------
    // ackLease
    // ------------------------------------------------------------------------------------------------------------

    function test_Ack_StartsPayment() public view {
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(uint256(lease.state), uint256(LeaseState.Running), "running");
        assertEq(lease.startedAt, START_TIME, "started");
        assertEq(lease.settledUntil, START_TIME, "settled from start");
        assertEq(lease.ackDeadline, 0, "no deadline once running");
        assertTrue(market.isLeaseLive(leaseId), "live");
    }

    function test_Ack_EmitsLeaseStarted() public {
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        vm.prank(operatorOf(1));
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseStarted(lease2, ownerOf(1), 0);
        market.ackLease(lease2, 0);
    }

    function test_Ack_Errors() public {
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Running));
        market.ackLease(leaseId, 0);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 1, 0));
        market.ackLease(leaseId, 1);
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(NotLeaseProvider.selector, leaseId, operatorOf(2)));
        market.ackLease(leaseId, 0);
        vm.prank(ownerOf(1)); // the owner key does not act for the node
        vm.expectRevert(abi.encodeWithSelector(NotLeaseProvider.selector, leaseId, ownerOf(1)));
        market.ackLease(leaseId, 0);
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 77));
        market.ackLease(77, 0);

        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        skipTime(START_DEADLINE + 1);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(AckDeadlinePassed.selector, lease2, uint64(block.timestamp - 1)));
        market.ackLease(lease2, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // commitCheckpoint
    // ------------------------------------------------------------------------------------------------------------

    function test_Commit_StoresDigestStepTime_EventCarriesFullCid() public {
        skipTime(10);
        vm.prank(operatorOf(1));
        vm.expectEmit(true, true, true, true, address(market));
        emit CheckpointCommitted(leaseId, 0, 5, cid(5), 4096);
        market.commitCheckpoint(leaseId, 0, cid(5), 5, 4096);
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(bytes32(lease.checkpointDigest), bytes32(bytes20(keccak256(cid(5)))), "digest");
        assertEq(lease.checkpointStep, 5, "step");
        assertEq(lease.checkpointAt, START_TIME + 10, "at");
        skipTime(10);
        commit(1, leaseId, cid(6), 6);
        assertEq(market.getLease(leaseId).checkpointStep, 6, "next step");
    }

    function test_Commit_Errors() public {
        commit(1, leaseId, cid(3), 3);
        vm.startPrank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(StepNotIncreasing.selector, leaseId, 3, 3));
        market.commitCheckpoint(leaseId, 0, cid(4), 3, 1);
        vm.expectRevert(abi.encodeWithSelector(StepNotIncreasing.selector, leaseId, 3, 2));
        market.commitCheckpoint(leaseId, 0, cid(4), 2, 1);
        vm.expectRevert(abi.encodeWithSelector(StepOutOfRange.selector, uint64(1) << 56, type(uint56).max));
        market.commitCheckpoint(leaseId, 0, cid(4), uint64(1) << 56, 1);
        vm.expectRevert(abi.encodeWithSelector(InvalidCid.selector, 0, 128));
        market.commitCheckpoint(leaseId, 0, "", 4, 1);
        vm.expectRevert(abi.encodeWithSelector(InvalidCid.selector, 129, 128));
        market.commitCheckpoint(leaseId, 0, new bytes(129), 4, 1);
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 1, 0));
        market.commitCheckpoint(leaseId, 1, cid(4), 4, 1);
        vm.stopPrank();
        vm.prank(operatorOf(3));
        vm.expectRevert(abi.encodeWithSelector(NotLeaseProvider.selector, leaseId, operatorOf(3)));
        market.commitCheckpoint(leaseId, 0, cid(4), 4, 1);
        assertEq(market.getLease(leaseId).checkpointStep, 3, "unchanged");
    }

    function test_Commit_BeforeAck_RevertsState_AndStatelessRevertsKind() public {
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, lease2, LeaseState.Assigned));
        market.commitCheckpoint(lease2, 0, cid(1), 1, 1);

        OrderRequest memory r = defaultRequest();
        r.kind = OrderKind.Stateless;
        uint256 order3 = orderWithOffers(r, prices3(PRICE, PRICE, PRICE));
        uint256 lease3 = finalize(order3);
        ack(1, lease3);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(WrongOrderKind.selector, order3, OrderKind.Stateless));
        market.commitCheckpoint(lease3, 0, cid(1), 1, 1);
    }

    // ------------------------------------------------------------------------------------------------------------
    // completeLease
    // ------------------------------------------------------------------------------------------------------------

    function test_Complete_PaysThroughNow_RefundsRest_ClosesOrder() public {
        commit(1, leaseId, cid(1), 1);
        skipTime(500);
        heartbeat(1); // live: a silent provider is settled as a fault instead (HardeningTest F2)
        vm.prank(operatorOf(1));
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseCompleted(leaseId, ownerOf(1), 0, cid(99));
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseClosed(leaseId, orderId, ownerOf(1), 0, 200, ESCROW - 500 * PRICE);
        market.completeLease(leaseId, 0, cid(99));
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(uint256(lease.state), uint256(LeaseState.Closed), "closed");
        assertEq(lease.closeReason, 200, "completed");
        assertEq(lease.escrow, 0, "escrow emptied");
        assertEq(market.withdrawable(ownerOf(1)), 500 * PRICE, "paid 500 s");
        assertEq(market.withdrawable(tenant), ESCROW - 500 * PRICE, "refund");
        assertEq(uint256(market.getOrder(orderId).state), uint256(OrderState.Closed), "order closed");
        for (uint256 i = 1; i <= 3; ++i) {
            assertEq(registry.getProvider(ownerOf(i)).lockedStake, 0, "all positions unlocked");
        }
    }

    function test_Complete_Errors() public {
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(InvalidCid.selector, 0, 128));
        market.completeLease(leaseId, 0, "");
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 2, 0));
        market.completeLease(leaseId, 2, cid(1));
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(NotLeaseProvider.selector, leaseId, operatorOf(2)));
        market.completeLease(leaseId, 0, cid(1));
        vm.prank(operatorOf(1));
        market.completeLease(leaseId, 0, cid(1));
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Closed));
        market.completeLease(leaseId, 0, cid(1));

        OrderRequest memory r = defaultRequest();
        r.kind = OrderKind.Stateless;
        uint256 order2 = orderWithOffers(r, prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        ack(1, lease2);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(WrongOrderKind.selector, order2, OrderKind.Stateless));
        market.completeLease(lease2, 0, cid(1));
    }

    // ------------------------------------------------------------------------------------------------------------
    // releaseLease
    // ------------------------------------------------------------------------------------------------------------

    function test_Release_SettlesToCheckpoint_MinorSlash_HandsOverToStandby() public {
        skipTime(100);
        commit(1, leaseId, cid(1), 1);
        skipTime(50);
        keepAlive(2, 3);
        heartbeat(1); // live: releasing a reportable lease costs the full slash (HardeningTest F1)
        vm.prank(operatorOf(1));
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseSettled(leaseId, ownerOf(1), 0, uint64(START_TIME + 100), 100 * PRICE, 0);
        vm.expectEmit(true, true, true, true, address(market));
        emit FaultReported(leaseId, ownerOf(1), operatorOf(1), 0, 201, MINOR_SLASH, 0);
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseReassigned(leaseId, orderId, ownerOf(1), 1, 201);
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseAssigned(leaseId, orderId, ownerOf(2), 1, PRICE, uint64(block.timestamp + START_DEADLINE));
        market.releaseLease(leaseId, 0);

        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(lease.provider, ownerOf(2), "standby holds it");
        assertEq(lease.epoch, 1, "epoch 1");
        assertEq(uint256(lease.state), uint256(LeaseState.Assigned), "awaiting ack");
        assertEq(lease.escrow, ESCROW - 100 * PRICE + MINOR_SLASH, "escrow: paid out, plus the slash");
        assertEq(lease.checkpointStep, 1, "checkpoint kept for the standby");
        assertEq(market.withdrawable(ownerOf(1)), 100 * PRICE, "paid to the checkpoint only");
        IProviderRegistry.ProviderInfo memory p1 = registry.getProvider(ownerOf(1));
        assertEq(p1.stake, PROVIDER_STAKE - MINOR_SLASH, "slashed");
        assertEq(p1.lockedStake, 0, "unlocked");
        assertFalse(p1.jailed, "release does not jail");
        assertEq(market.getStandbys(orderId).length, 1, "one standby left");
    }

    function test_Release_ByOwner_WhileAssigned() public {
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        vm.prank(ownerOf(1));
        market.releaseLease(lease2, 0);
        assertEq(market.getLease(lease2).provider, ownerOf(2), "handed to the standby");
        assertEq(market.getLease(lease2).escrow, ESCROW + MINOR_SLASH, "nothing paid, slash added");
    }

    function test_Release_NoStandbyLeft_Reopens() public {
        vm.prank(operatorOf(2));
        market.leaveStandby(orderId);
        vm.prank(operatorOf(3));
        market.leaveStandby(orderId);
        vm.prank(operatorOf(1));
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseReopened(leaseId, orderId, 1, uint64(block.timestamp + 60));
        market.releaseLease(leaseId, 0);
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(uint256(lease.state), uint256(LeaseState.Reassigning), "reassigning");
        assertEq(lease.provider, address(0), "no provider");
        assertEq(lease.reassignDeadline, block.timestamp + 60, "one bid window");
    }

    function test_Release_Errors() public {
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(StaleEpoch.selector, leaseId, 3, 0));
        market.releaseLease(leaseId, 3);
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(NotLeaseProvider.selector, leaseId, operatorOf(2)));
        market.releaseLease(leaseId, 0);
        vm.prank(ownerOf(2));
        vm.expectRevert(abi.encodeWithSelector(NotLeaseProvider.selector, leaseId, ownerOf(2)));
        market.releaseLease(leaseId, 0);
        vm.prank(tenant);
        market.closeLease(leaseId);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Closed));
        market.releaseLease(leaseId, 0);
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 50));
        market.releaseLease(50, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // reportMissedHeartbeat
    // ------------------------------------------------------------------------------------------------------------

    function test_Report_SettlesSlashesJailsHandsOver_ExactAmounts() public {
        skipTime(40);
        commit(1, leaseId, cid(1), 1);
        heartbeat(1);
        skipTime(HEARTBEAT_TIMEOUT + 1); // provider 1 dead
        keepAlive(2, 3);
        vm.prank(verifier);
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseSettled(leaseId, ownerOf(1), 0, uint64(START_TIME + 40), 40 * PRICE, 0);
        vm.expectEmit(true, true, true, true, address(market));
        emit FaultReported(leaseId, ownerOf(1), verifier, 0, 202, SLASH, SLASH / 10);
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseReassigned(leaseId, orderId, ownerOf(1), 1, 202);
        market.reportMissedHeartbeat(ids(leaseId));

        assertEq(market.withdrawable(verifier), SLASH / 10, "finder's fee");
        assertEq(market.withdrawable(ownerOf(1)), 40 * PRICE, "paid to the checkpoint");
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(lease.escrow, ESCROW - 40 * PRICE + SLASH - SLASH / 10, "escrow gets the rest of the slash");
        assertEq(lease.provider, ownerOf(2), "first standby");
        assertEq(lease.epoch, 1, "epoch 1");
        IProviderRegistry.ProviderInfo memory p1 = registry.getProvider(ownerOf(1));
        assertTrue(p1.jailed, "jailed");
        assertEq(p1.stake, PROVIDER_STAKE - SLASH, "slashed");
        assertEq(p1.lockedStake, 0, "unlocked");
    }

    function test_Report_LiveProvider_RevertsProviderStillLive() public {
        skipTime(HEARTBEAT_TIMEOUT); // exactly at the limit: still live
        vm.prank(verifier);
        vm.expectRevert(
            abi.encodeWithSelector(ProviderStillLive.selector, leaseId, ownerOf(1), uint64(START_TIME + HEARTBEAT_TIMEOUT))
        );
        market.reportMissedHeartbeat(ids(leaseId));
    }

    function test_Report_Errors() public {
        vm.startPrank(verifier);
        vm.expectRevert(abi.encodeWithSelector(EmptyBatch.selector));
        market.reportMissedHeartbeat(new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(BatchTooLarge.selector, 33, 32));
        market.reportMissedHeartbeat(new uint256[](33));
        vm.expectRevert(abi.encodeWithSelector(DuplicateLeaseId.selector, leaseId));
        market.reportMissedHeartbeat(ids(leaseId, leaseId));
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 1234));
        market.reportMissedHeartbeat(ids(1234));
        vm.stopPrank();
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        skipTime(HEARTBEAT_TIMEOUT + 1);
        vm.prank(verifier);
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, lease2, LeaseState.Assigned));
        market.reportMissedHeartbeat(ids(leaseId, lease2));
        assertEq(market.getLease(leaseId).epoch, 0, "the whole batch reverted");
    }

    function test_Report_JustAckedProvider_NotReportableBeforeTimeout() public {
        // a standby promoted long after its last heartbeat is live from its ack
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        skipTime(20);
        ack(1, lease2); // provider 1's last heartbeat was at START_TIME
        vm.prank(verifier);
        vm.expectRevert(
            abi.encodeWithSelector(ProviderStillLive.selector, lease2, ownerOf(1), uint64(START_TIME + 20 + HEARTBEAT_TIMEOUT))
        );
        market.reportMissedHeartbeat(ids(lease2));
    }

    function test_Report_AfterTheEnd_ProviderLiveToTheEnd_RevertsLeaseEndedWhileLive() public {
        uint64 endsAt = market.getLease(leaseId).endsAt;
        vm.warp(endsAt - 1);
        heartbeat(1);
        skipTime(HEARTBEAT_TIMEOUT + 2); // the provider stopped after the end: its job was done
        vm.prank(verifier);
        vm.expectRevert(
            abi.encodeWithSelector(LeaseEndedWhileLive.selector, leaseId, endsAt, uint64(endsAt - 1 + HEARTBEAT_TIMEOUT))
        );
        market.reportMissedHeartbeat(ids(leaseId));
        assertFalse(registry.isJailed(ownerOf(1)), "not jailed");
        assertEq(registry.getProvider(ownerOf(1)).stake, PROVIDER_STAKE, "not slashed");
    }

    function test_Report_AfterTheEnd_SilenceThatBeganBeforeTheEnd_IsAFault_AndTheLeaseCloses() public {
        uint64 endsAt = market.getLease(leaseId).endsAt;
        vm.warp(endsAt - HEARTBEAT_TIMEOUT - 2);
        heartbeat(1); // live until endsAt - 2: silent for the last two seconds of the lease
        vm.warp(endsAt + 10);
        reportOne(leaseId);
        assertTrue(registry.isJailed(ownerOf(1)), "jailed");
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(uint256(lease.state), uint256(LeaseState.Closed), "an expired lease closes instead of moving");
        assertEq(lease.closeReason, 300, "expired");
    }

    // ------------------------------------------------------------------------------------------------------------
    // reportStartTimeout
    // ------------------------------------------------------------------------------------------------------------

    function test_StartTimeout_MinorSlash_FinderFee_NextStandby() public {
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        skipTime(START_DEADLINE + 1);
        keepAlive(2, 3);
        vm.prank(verifier);
        vm.expectEmit(true, true, true, true, address(market));
        emit FaultReported(lease2, ownerOf(1), verifier, 0, 203, MINOR_SLASH, MINOR_SLASH / 10);
        market.reportStartTimeout(lease2);
        LeaseInfo memory lease = market.getLease(lease2);
        assertEq(lease.provider, ownerOf(2), "standby");
        assertEq(lease.epoch, 1, "epoch");
        assertEq(lease.escrow, ESCROW + MINOR_SLASH - MINOR_SLASH / 10, "escrow");
        assertFalse(registry.isJailed(ownerOf(1)), "no jail for a start timeout");
    }

    function test_StartTimeout_Errors() public {
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Running));
        market.reportStartTimeout(leaseId);
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        skipTime(START_DEADLINE);
        vm.expectRevert(abi.encodeWithSelector(AckDeadlineNotPassed.selector, lease2, uint64(block.timestamp)));
        market.reportStartTimeout(lease2);
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 99));
        market.reportStartTimeout(99);
    }

    // ------------------------------------------------------------------------------------------------------------
    // offerReplacement
    // ------------------------------------------------------------------------------------------------------------

    function test_OfferReplacement_TakesReopenedLease() public {
        registerProvider(4);
        reopen();
        vm.prank(operatorOf(4));
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseAssigned(leaseId, orderId, ownerOf(4), 1, PRICE - 7, uint64(block.timestamp + START_DEADLINE));
        market.offerReplacement(leaseId, PRICE - 7);
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(lease.provider, ownerOf(4), "replacement");
        assertEq(lease.epoch, 1, "same epoch as the reopen");
        assertEq(lease.pricePerSecond, PRICE - 7, "its price");
        assertEq(uint256(lease.state), uint256(LeaseState.Assigned), "must ack");
        assertEq(registry.getProvider(ownerOf(4)).lockedStake, STAKE_PER_POSITION, "locked");
        ack(4, leaseId);
    }

    function test_OfferReplacement_Errors() public {
        registerProvider(4);
        vm.prank(operatorOf(4));
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Running));
        market.offerReplacement(leaseId, PRICE);
        reopen();
        vm.prank(operatorOf(4));
        vm.expectRevert(abi.encodeWithSelector(PriceOutOfRange.selector, PRICE + 1, PRICE));
        market.offerReplacement(leaseId, PRICE + 1);
        skipTime(61);
        vm.prank(operatorOf(4));
        vm.expectRevert(abi.encodeWithSelector(ReassignWindowClosed.selector, leaseId, uint64(block.timestamp - 61 + 60)));
        market.offerReplacement(leaseId, PRICE);
    }

    function test_OfferReplacement_ProviderAlreadyInOrder_Reverts() public {
        OrderRequest memory r = defaultRequest();
        r.kind = OrderKind.Stateless;
        r.replicas = 2;
        r.standbys = 1;
        r.escrow = 2 * ESCROW;
        uint256 order2 = orderWithOffers(r, prices3(PRICE, PRICE, PRICE));
        uint256 first = finalize(order2); // leases: providers 1 and 2; standby 3
        ack(1, first);
        ack(2, first + 1);
        vm.prank(operatorOf(1));
        market.releaseLease(first, 0); // standby 3 takes it
        vm.prank(operatorOf(3));
        market.releaseLease(first, 1); // nobody left: reopens
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(ProviderAlreadyInOrder.selector, order2, ownerOf(2)));
        market.offerReplacement(first, PRICE);
        vm.prank(operatorOf(1)); // provider 1 released it: it can never take it back (HardeningTest F3)
        vm.expectRevert(abi.encodeWithSelector(ProviderExcludedFromOrder.selector, order2, ownerOf(1)));
        market.offerReplacement(first, PRICE);
        registerProvider(4);
        vm.prank(operatorOf(4));
        market.offerReplacement(first, PRICE);
    }

    function reopen() internal {
        vm.prank(operatorOf(2));
        market.leaveStandby(orderId);
        vm.prank(operatorOf(3));
        market.leaveStandby(orderId);
        vm.prank(operatorOf(1));
        market.releaseLease(leaseId, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // settleLeases
    // ------------------------------------------------------------------------------------------------------------

    function test_Settle_Stateful_OnlyToLastCheckpoint() public {
        skipTime(30);
        commit(1, leaseId, cid(1), 1);
        skipTime(100);
        heartbeat(1);
        (uint256 amount, uint64 until) = market.settleableOf(leaseId);
        assertEq(amount, 30 * PRICE, "settleable");
        assertEq(until, START_TIME + 30, "until the checkpoint");
        market.settleLeases(ids(leaseId));
        assertEq(market.withdrawable(ownerOf(1)), 30 * PRICE, "paid");
        assertEq(market.getLease(leaseId).settledUntil, START_TIME + 30, "settled");
        market.settleLeases(ids(leaseId)); // idempotent
        assertEq(market.withdrawable(ownerOf(1)), 30 * PRICE, "not paid twice");
    }

    function test_Settle_Stateless_ToLastHeartbeat_WithProtocolFee() public {
        changeMarketParameters(withProtocolFee(250));
        uint256 t0 = block.timestamp;
        OrderRequest memory r = defaultRequest();
        r.kind = OrderKind.Stateless;
        uint256 order2 = orderWithOffers(r, prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        ack(1, lease2);
        skipTime(50);
        heartbeat(1);
        skipTime(3);
        uint256 gross = 50 * PRICE;
        uint256 fee = gross * 250 / 10_000;
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseSettled(lease2, ownerOf(1), 0, uint64(t0 + 50), gross - fee, fee);
        market.settleLeases(ids(lease2));
        assertEq(market.withdrawable(ownerOf(1)), gross - fee, "provider");
        assertEq(market.withdrawable(treasuryAccount), fee, "treasury");
        vm.prank(treasuryAccount);
        assertEq(market.withdraw(), fee, "treasury withdraws");
    }

    function test_Settle_Errors() public {
        vm.expectRevert(abi.encodeWithSelector(EmptyBatch.selector));
        market.settleLeases(new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(BatchTooLarge.selector, 33, 32));
        market.settleLeases(new uint256[](33));
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 5));
        market.settleLeases(ids(5));
        uint256 order2 = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        uint256 lease2 = finalize(order2);
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, lease2, LeaseState.Assigned));
        market.settleLeases(ids(lease2));
    }

    // ------------------------------------------------------------------------------------------------------------
    // closeLease / closeDueLease / topUp / withdraw
    // ------------------------------------------------------------------------------------------------------------

    function test_CloseLease_PaysThroughLastHeartbeat_RefundsRest() public {
        skipTime(70);
        heartbeat(1);
        skipTime(1);
        vm.prank(tenant);
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseClosed(leaseId, orderId, ownerOf(1), 0, 100, ESCROW - 70 * PRICE);
        market.closeLease(leaseId);
        assertEq(market.withdrawable(ownerOf(1)), 70 * PRICE, "paid through the last heartbeat");
        assertEq(market.withdrawable(tenant), ESCROW - 70 * PRICE, "refund");
        assertEq(registry.getProvider(ownerOf(1)).lockedStake, 0, "unlocked");
    }

    function test_CloseLease_Errors() public {
        vm.prank(verifier);
        vm.expectRevert(abi.encodeWithSelector(NotTenant.selector, orderId, verifier));
        market.closeLease(leaseId);
        vm.prank(tenant);
        market.closeLease(leaseId);
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Closed));
        market.closeLease(leaseId);
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 66));
        market.closeLease(66);
    }

    function test_CloseDue_NoReplacement_RefundsEverything() public {
        reopen();
        uint256 escrow = market.getLease(leaseId).escrow;
        vm.expectRevert(abi.encodeWithSelector(LeaseNotDue.selector, leaseId));
        market.closeDueLease(leaseId);
        skipTime(61);
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseClosed(leaseId, orderId, address(0), 1, 302, escrow);
        market.closeDueLease(leaseId);
        assertEq(market.withdrawable(tenant), escrow, "refund");
        assertEq(uint256(market.getOrder(orderId).state), uint256(OrderState.Closed), "order closed");
    }

    function test_CloseDue_Expired_PaysToEnd() public {
        vm.startPrank(tenant);
        token.approve(address(market), 1 days * PRICE);
        market.topUp(leaseId, 1 days * PRICE);
        vm.stopPrank();
        skipTime(1 days - 2);
        heartbeat(1);
        skipTime(10);
        market.closeDueLease(leaseId);
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(lease.closeReason, 300, "expired");
        assertEq(market.withdrawable(ownerOf(1)), (1 days - 2) * PRICE, "through the last heartbeat before the end");
    }

    function test_CloseDue_InsufficientFunds() public {
        skipTime(3600); // the escrow covers exactly 3600 s
        heartbeat(1);
        vm.expectRevert(abi.encodeWithSelector(LeaseNotDue.selector, leaseId));
        market.closeDueLease(leaseId);
        skipTime(1);
        heartbeat(1);
        market.closeDueLease(leaseId);
        LeaseInfo memory lease = market.getLease(leaseId);
        assertEq(lease.closeReason, 301, "insufficient funds");
        assertEq(market.withdrawable(ownerOf(1)), ESCROW, "provider gets the whole escrow");
        assertEq(market.withdrawable(tenant), 0, "nothing to refund");
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Closed));
        market.closeDueLease(leaseId);
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 404));
        market.closeDueLease(404);
    }

    function test_TopUp_AddsEscrow() public {
        address payer = address(0xBEEF);
        fund(payer, 5 ether);
        vm.startPrank(payer);
        token.approve(address(market), 5 ether);
        vm.expectEmit(true, true, true, true, address(market));
        emit LeaseToppedUp(leaseId, payer, 5 ether, ESCROW + 5 ether);
        market.topUp(leaseId, 5 ether);
        vm.stopPrank();
        assertEq(market.getLease(leaseId).escrow, ESCROW + 5 ether, "escrow");
    }

    function test_TopUp_Errors() public {
        vm.startPrank(tenant);
        vm.expectRevert(abi.encodeWithSelector(ZeroAmount.selector));
        market.topUp(leaseId, 0);
        uint256 huge = type(uint128).max;
        vm.expectRevert(abi.encodeWithSelector(AmountTooLarge.selector, ESCROW + huge, type(uint128).max));
        market.topUp(leaseId, huge);
        vm.expectRevert(abi.encodeWithSelector(LeaseNotFound.selector, 31));
        market.topUp(31, 1);
        market.closeLease(leaseId);
        vm.expectRevert(abi.encodeWithSelector(InvalidLeaseState.selector, leaseId, LeaseState.Closed));
        market.topUp(leaseId, 1);
        vm.stopPrank();
    }

    function test_Withdraw_PaysOnce() public {
        vm.prank(tenant);
        market.closeLease(leaseId);
        vm.prank(tenant);
        vm.expectEmit(true, true, true, true, address(market));
        emit Withdrawn(tenant, ESCROW);
        market.withdraw();
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(NothingToWithdraw.selector, tenant));
        market.withdraw();
    }
}
