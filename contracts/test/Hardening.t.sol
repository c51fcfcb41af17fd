// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {ILeaseMarketTypes} from "../interfaces/ILeaseMarketTypes.sol";

/// @notice Issue 11 §1: exits cheaper than the fault they hide, bait and switch, counter overflow, step poisoning.
contract HardeningTest is MarketFixture {
    uint256 internal constant POSITION_STAKE = MIN_STAKE_PER_GPU; // gpusPerReplica 1
    uint256 internal constant FULL_SLASH = POSITION_STAKE * SLASH_BPS / 10_000;

    function stakeOf(uint256 index) internal view returns (uint256) {
        return registry.getProvider(ownerOf(index)).stake;
    }

    // ------------------------------------------------------------------------------------------------------------
    // F1: release instead of being reported
    // ------------------------------------------------------------------------------------------------------------

    function test_F1_ReleaseOfAReportableLease_PaysTheFullSlash_AndJails() public {
        (, uint256 leaseId) = runningStatefulLease();
        skipTime(HEARTBEAT_TIMEOUT + 1);
        uint32 epoch = market.getLease(leaseId).epoch;
        vm.prank(operatorOf(1));
        market.releaseLease(leaseId, epoch);
        assertEq(stakeOf(1), PROVIDER_STAKE - FULL_SLASH, "stake after a release that hid a fault");
        assertTrue(registry.isJailed(ownerOf(1)), "jailed");
        assertEq(market.getLease(leaseId).epoch, epoch + 1, "handed over");
    }

    function test_F1_ReleaseOfALiveLease_StillPaysOnlyTheMinorSlash() public {
        (, uint256 leaseId) = runningStatefulLease();
        skipTime(HEARTBEAT_TIMEOUT);
        vm.prank(operatorOf(1));
        market.releaseLease(leaseId, 0);
        assertEq(stakeOf(1), PROVIDER_STAKE - POSITION_STAKE * MINOR_SLASH_BPS / 10_000, "minor slash");
        assertFalse(registry.isJailed(ownerOf(1)), "not jailed");
    }

    // ------------------------------------------------------------------------------------------------------------
    // F2: complete instead of being reported
    // ------------------------------------------------------------------------------------------------------------

    function test_F2_CompleteAfterSilence_PaysOnlyToTheCheckpoint_AndSlashes() public {
        (, uint256 leaseId) = runningStatefulLease();
        uint256 startedAt = block.timestamp;
        skipTime(10);
        heartbeat(1);
        commit(1, leaseId, cid(1), 1);
        skipTime(30);
        vm.prank(operatorOf(1));
        market.completeLease(leaseId, 0, cid(2));
        assertEq(market.withdrawable(ownerOf(1)), 10 * PRICE, "paid only the 10 s up to the checkpoint");
        assertEq(stakeOf(1), PROVIDER_STAKE - FULL_SLASH, "slashed as for a missed heartbeat");
        assertTrue(registry.isJailed(ownerOf(1)), "jailed");
        assertTrue(startedAt > 0, "started");
    }

    function test_F2_CompleteWhileLive_PaysThroughNow() public {
        (, uint256 leaseId) = runningStatefulLease();
        skipTime(5);
        vm.prank(operatorOf(1));
        market.completeLease(leaseId, 0, cid(2));
        assertEq(market.withdrawable(ownerOf(1)), 5 * PRICE, "paid through now");
        assertEq(stakeOf(1), PROVIDER_STAKE, "no slash");
    }

    // ------------------------------------------------------------------------------------------------------------
    // F3: bait and switch
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Provider 1 offers very low and evicts honest provider 2, wins, releases; the lease reopens.
    function baitAndRelease(uint256 lowPrice) internal returns (uint256 leaseId) {
        OrderRequest memory request = defaultRequest();
        request.standbys = 0;
        uint256 orderId = createOrder(request);
        registerProvider(1);
        registerProvider(2);
        registerProvider(3);
        offer(2, orderId, PRICE / 4);
        offer(1, orderId, lowPrice);
        leaseId = finalize(orderId);
        ack(1, leaseId);
        skipTime(60);
        heartbeat(1);
        vm.prank(operatorOf(1));
        market.releaseLease(leaseId, 0);
        assertTrue(market.getLease(leaseId).state == LeaseState.Reassigning, "reopened");
    }

    function test_F3_ProviderThatReleased_CannotTakeTheLeaseBack() public {
        uint256 leaseId = baitAndRelease(PRICE / 100);
        vm.prank(operatorOf(1));
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseMarketTypes.ProviderExcludedFromOrder.selector, 1, ownerOf(1))
        );
        market.offerReplacement(leaseId, PRICE / 100);
    }

    function test_F3_Replacement_AboveTheHighestFinalizedPrice_Reverts_AtOrBelow_Succeeds() public {
        uint256 leaseId = baitAndRelease(PRICE / 100);
        vm.prank(operatorOf(3));
        vm.expectRevert(abi.encodeWithSelector(ILeaseMarketTypes.PriceOutOfRange.selector, PRICE, PRICE / 100));
        market.offerReplacement(leaseId, PRICE);
        vm.prank(operatorOf(3));
        market.offerReplacement(leaseId, PRICE / 100);
        assertEq(market.getLease(leaseId).pricePerSecond, PRICE / 100, "replacement at the finalized price");
    }

    /// @dev For any bait price and any replacement price the sybil asks, the switch never pays more per second than
    /// the price the tenant accepted at finalize.
    function testFuzz_F3_BaitAndSwitch_NeverRaisesThePrice(uint256 lowPrice, uint256 askPrice) public {
        lowPrice = bound(lowPrice, 1, PRICE / 4 - 1);
        askPrice = bound(askPrice, 1, PRICE);
        uint256 leaseId = baitAndRelease(lowPrice);
        vm.prank(operatorOf(3));
        if (askPrice > lowPrice) vm.expectRevert();
        market.offerReplacement(leaseId, askPrice);
        LeaseInfo memory lease = market.getLease(leaseId);
        assertLe(lease.pricePerSecond, lowPrice, "price after the switch");
    }

    // ------------------------------------------------------------------------------------------------------------
    // F4: expiry as an exit
    // ------------------------------------------------------------------------------------------------------------

    function test_F4_CloseAtExpiry_OfALeaseReportableBeforeItsEnd_SettlesAsAFault() public {
        OrderRequest memory request = defaultRequest();
        request.maxDuration = 120;
        uint256 orderId = orderWithOffers(request, prices3(PRICE, PRICE, PRICE));
        uint256 leaseId = finalize(orderId);
        ack(1, leaseId);
        skipTime(120);
        vm.prank(ownerOf(1));
        market.closeDueLease(leaseId);
        assertEq(stakeOf(1), PROVIDER_STAKE - FULL_SLASH, "slashed");
        assertTrue(registry.isJailed(ownerOf(1)), "jailed");
        assertEq(market.withdrawable(ownerOf(1)), 0, "nothing paid: no checkpoint");
        assertEq(uint256(uint8(market.getLease(leaseId).state)), uint256(uint8(LeaseState.Closed)), "closed");
    }

    function test_F4_CloseAtExpiry_OfALeaseLiveToItsEnd_IsNotSlashed() public {
        OrderRequest memory request = defaultRequest();
        request.maxDuration = 120;
        uint256 orderId = orderWithOffers(request, prices3(PRICE, PRICE, PRICE));
        uint256 leaseId = finalize(orderId);
        ack(1, leaseId);
        skipTime(118);
        heartbeat(1);
        skipTime(2);
        market.closeDueLease(leaseId);
        assertEq(stakeOf(1), PROVIDER_STAKE, "no slash");
        assertEq(market.getLease(leaseId).closeReason, 300, "expired");
    }

    // ------------------------------------------------------------------------------------------------------------
    // F5: offer counter
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Finds the order word holding the offer counter (by a minVramGb marker) and the counter's bit offset (the
    /// bit that a first offer flips), sets the counter to 65,535, then places two more offers.
    function test_F5_OfferCounter_PastUint16_KeepsTheMarketOpen() public {
        OrderRequest memory request = defaultRequest();
        request.minVramGb = 0xF5A;
        request.replicas = 1;
        request.standbys = 2;
        for (uint256 i = 1; i <= 3; ++i) registerProvider(i, GPU_MODEL, PROVIDER_GPUS, 4000, PROVIDER_STAKE);
        uint256 orderId = createOrder(request);
        (bytes32 slot, bytes32 before) = findOrderWord(orderId, 0xF5A);
        offer(1, orderId, PRICE);
        uint256 changed = uint256(vm.load(address(market), slot) ^ before);
        uint256 offset = 0;
        while ((changed >> offset) & 1 == 0) ++offset;
        vm.store(address(market), slot, bytes32(uint256(vm.load(address(market), slot)) + (65_534 << offset)));
        offer(2, orderId, PRICE);
        offer(3, orderId, PRICE);
        OfferInfo[] memory offers = market.getOffers(orderId);
        assertEq(offers[2].sequence, 65_536, "third offer's sequence");
    }

    function findOrderWord(uint256 orderId, uint256 marker) internal view returns (bytes32, bytes32) {
        for (uint256 base = 0; base < 64; ++base) {
            bytes32 start = keccak256(abi.encode(orderId, base));
            for (uint256 word = 0; word < 8; ++word) {
                bytes32 slot = bytes32(uint256(start) + word);
                uint256 value = uint256(vm.load(address(market), slot));
                for (uint256 shift = 0; shift + 32 <= 256; shift += 8) {
                    if ((value >> shift) & 0xFFFFFFFF == marker) return (slot, bytes32(value));
                }
            }
        }
        revert("order word not found");
    }

    // ------------------------------------------------------------------------------------------------------------
    // F7: checkpoint-step poisoning
    // ------------------------------------------------------------------------------------------------------------

    function test_F7_HolderCommittingTheLastStep_DoesNotBlockItsSuccessor() public {
        (, uint256 leaseId) = runningStatefulLease();
        commit(1, leaseId, cid(1), uint64(type(uint56).max));
        vm.prank(operatorOf(1));
        market.releaseLease(leaseId, 0);
        ack(2, leaseId);
        commit(2, leaseId, cid(2), 1);
        assertEq(market.getLease(leaseId).checkpointStep, 1, "successor's step");
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(ILeaseMarketTypes.StepNotIncreasing.selector, leaseId, 1, 1));
        market.commitCheckpoint(leaseId, 1, cid(3), 1, 1024);
    }
}
