// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {Settlement} from "../libraries/Settlement.sol";
import {OfferBook} from "../libraries/OfferBook.sol";

/// @notice Fuzz tests of the settlement arithmetic: the pure library, and whole leases with random prices, durations,
/// top-ups and fees where every token must end up with exactly one owner.
contract SettlementFuzzTest is MarketFixture {
    function testFuzz_Pay_NeverExceedsEscrowOrInterval(
        uint256 price,
        uint256 from,
        uint256 until,
        uint256 escrow,
        uint256 feeBps
    ) public pure {
        price = bound(price, 0, type(uint80).max);
        from = bound(from, 0, type(uint40).max);
        until = bound(until, 0, type(uint40).max);
        escrow = bound(escrow, 0, type(uint128).max);
        feeBps = bound(feeBps, 0, 1000);
        (uint256 paidSeconds, uint256 gross, uint256 fee) = Settlement.pay(price, from, until, escrow, feeBps);
        assertEq(gross, paidSeconds * price, "gross = seconds * price");
        assertLe(gross, escrow, "never more than the escrow");
        assertLe(fee, gross, "fee within gross");
        assertEq(fee, gross * feeBps / 10_000, "fee rounds down");
        if (until <= from || price == 0) {
            assertEq(paidSeconds, 0, "nothing for an empty interval");
        } else {
            assertLe(paidSeconds, until - from, "never past the cut-off");
            if (escrow >= (until - from) * price) {
                assertEq(paidSeconds, until - from, "whole interval when affordable");
            } else {
                assertLt(escrow - gross, price, "escrow used up to the last whole second");
            }
        }
    }

    function testFuzz_Share_SplitsExactly(uint256 amount, uint256 bps) public pure {
        amount = bound(amount, 0, type(uint128).max);
        bps = bound(bps, 0, 10_000);
        uint256 part = Settlement.share(amount, bps);
        assertLe(part, amount, "part within amount");
        assertLe(amount * bps - part * 10_000, 9_999, "rounded down by less than one unit");
    }

    function testFuzz_OfferBook_PackRoundTrips(address provider, uint256 price, uint256 sequence) public pure {
        price = bound(price, 0, OfferBook.MAX_PRICE);
        sequence = bound(sequence, 0, OfferBook.MAX_SEQUENCE);
        uint256 entry = OfferBook.pack(provider, price, sequence);
        assertEq(OfferBook.providerOf(entry), provider, "provider");
        assertEq(OfferBook.priceOf(entry), price, "price");
        assertEq(OfferBook.sequenceOf(entry), sequence, "sequence");
    }

    function testFuzz_OfferBook_RankIsSortedAndAPermutation(uint256 seed, uint8 rawCount) public pure {
        uint256 count = bound(rawCount, 1, 16);
        uint256[] memory entries = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 price = uint256(keccak256(abi.encode(seed, i))) % 4; // many ties
            entries[i] = OfferBook.pack(address(uint160(i + 1)), price, i);
        }
        uint256[] memory ranked = OfferBook.rank(entries);
        uint256 seen = 0;
        for (uint256 i = 0; i < count; ++i) {
            seen |= 1 << ranked[i];
            if (i > 0) assertFalse(OfferBook.ranksAfter(entries[ranked[i - 1]], entries[ranked[i]]), "sorted");
        }
        assertEq(seen, (1 << count) - 1, "permutation");
        uint64 queue = OfferBook.packQueue(ranked, 0);
        for (uint256 i = 0; i < count; ++i) {
            assertEq(OfferBook.queueAt(queue, i), ranked[i], "queue round-trip");
        }
    }

    /// A Stateless lease runs for `duration` seconds with heartbeats, gets `topUp` midway, is settled and closed by
    /// the tenant: provider + treasury + tenant refund == escrow + top-up, and the provider gets price * seconds
    /// (as far as the money goes), minus the protocol fee rounded down.
    function testFuzz_Lease_SettlementConservesEveryWei(
        uint256 price,
        uint256 duration,
        uint256 topUp,
        uint256 feeBps,
        uint256 settleAt
    ) public {
        price = bound(price, 1, 1e18);
        duration = bound(duration, 1, 7 days);
        topUp = bound(topUp, 0, 1e24);
        feeBps = bound(feeBps, 0, 1000);
        settleAt = bound(settleAt, 0, duration);
        changeMarketParameters(withProtocolFee(uint16(feeBps)));
        uint256 funds = runStatelessLease(price, duration, topUp, settleAt);

        uint256 paidSeconds = duration < funds / price ? duration : funds / price;
        uint256 gross = paidSeconds * price;
        uint256 providerGot = market.withdrawable(ownerOf(1));
        uint256 treasuryGot = market.withdrawable(treasuryAccount);
        assertEq(providerGot + treasuryGot + market.withdrawable(tenant), funds, "every wei accounted for");
        assertEq(providerGot + treasuryGot, gross, "paid per second, as far as the money goes");
        assertLe(treasuryGot, gross * feeBps / 10_000, "fee rounds down per settlement");
        assertLe(gross * feeBps / 10_000 - treasuryGot, 1, "at most one wei lost to two roundings");
        assertEq(token.balanceOf(address(market)), funds, "market holds it until withdrawn");
    }

    /// Provider 1 runs a Stateless lease at `price`; returns the tenant's total funding (escrow + top-up).
    function runStatelessLease(uint256 price, uint256 duration, uint256 topUp, uint256 settleAt)
        internal
        returns (uint256 funds)
    {
        registerProvider(1);
        OrderRequest memory request = defaultRequest();
        request.kind = OrderKind.Stateless;
        request.standbys = 0;
        request.maxPricePerSecond = price;
        request.maxDuration = 30 days; // longer than any fuzzed duration: this test is about money, not expiry
        request.escrow = price * MIN_PREPAID;
        uint256 orderId = createOrder(request);
        offer(1, orderId, price);
        uint256 leaseId = finalize(orderId);
        ack(1, leaseId);
        if (topUp > 0) {
            fund(tenant, topUp);
            vm.startPrank(tenant);
            token.approve(address(market), topUp);
            market.topUp(leaseId, topUp);
            vm.stopPrank();
        }
        skipTime(settleAt);
        heartbeat(1);
        market.settleLeases(ids(leaseId));
        skipTime(duration - settleAt);
        heartbeat(1);
        vm.prank(tenant);
        market.closeLease(leaseId);
        return request.escrow + topUp;
    }

    /// A report splits the slash exactly: finder + escrow part == slashed == stakePerPosition * slashBps / 10_000.
    function testFuzz_Report_SlashSplitIsExact(uint16 slashBps, uint16 finderBps, uint16 gpus) public {
        slashBps = uint16(bound(slashBps, 1, 5000));
        finderBps = uint16(bound(finderBps, 0, 5000));
        gpus = uint16(bound(gpus, 1, 4));
        MarketParameters memory next = market.parameters();
        next.slashBps = slashBps;
        next.finderFeeBps = finderBps;
        changeMarketParameters(next);
        registerProvider(1);
        OrderRequest memory request = defaultRequest();
        request.standbys = 0;
        request.gpusPerReplica = gpus;
        uint256 orderId = createOrder(request);
        offer(1, orderId, PRICE);
        uint256 leaseId = finalize(orderId);
        ack(1, leaseId);
        uint256 escrowBefore = market.getLease(leaseId).escrow;
        skipTime(HEARTBEAT_TIMEOUT + 1);
        vm.prank(verifier);
        market.reportMissedHeartbeat(ids(leaseId));
        uint256 slashed = uint256(MIN_STAKE_PER_GPU) * gpus * slashBps / 10_000;
        uint256 finderFee = slashed * finderBps / 10_000;
        assertEq(registry.getProvider(ownerOf(1)).stake, PROVIDER_STAKE - slashed, "slashed amount");
        assertEq(market.withdrawable(verifier), finderFee, "finder's fee");
        assertEq(market.getLease(leaseId).escrow, escrowBefore + slashed - finderFee, "rest into the escrow");
    }
}
