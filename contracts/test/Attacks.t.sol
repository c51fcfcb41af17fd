// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {MarketFixture} from "./utils/MarketFixture.sol";
import {OperatorKeyFixtures} from "./utils/OperatorKeyFixtures.sol";
import {ReentrantToken, ITransferHook} from "./utils/ReentrantToken.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";
import {ILeaseMarket} from "../interfaces/ILeaseMarket.sol";
import {ProviderRegistry} from "../ProviderRegistry.sol";
import {LeaseMarket} from "../LeaseMarket.sol";
import {LeaseMarketExtension} from "../LeaseMarketExtension.sol";

/// @notice A contract account that acts as tenant / provider owner and, from a token hook, tries one re-entrant call.
contract Attacker is ITransferHook {
    address public reentryTarget;
    bytes public reentryPayload;
    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryResult;

    function arm(address target, bytes calldata payload) external {
        reentryTarget = target;
        reentryPayload = payload;
        attempted = false;
    }

    function execute(address target, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    function onTokenTransfer(address, address, uint256) external {
        if (reentryTarget == address(0) || attempted) return;
        attempted = true;
        (reentrySucceeded, reentryResult) = reentryTarget.call(reentryPayload);
    }
}

/// @notice Issue 2 §3 attacks: re-entrancy through a malicious token / receiver hook, self-reporting for the finder's
/// fee, reporting a live provider, offers from jailed / unstaked / under-staked providers, finalize front-running,
/// escaping a pending fault by unbonding.
contract AttacksTest is MarketFixture {
    ReentrantToken internal evilToken;
    ProviderRegistry internal evilRegistry;
    ILeaseMarket internal evilMarket;
    Attacker internal attacker;

    bytes internal GUARD_REVERT = abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);

    function setUp() public override {
        super.setUp();
        evilToken = new ReentrantToken();
        evilRegistry = new ProviderRegistry(evilToken, registryParameters(), admin);
        LeaseMarketExtension evilExtension = new LeaseMarketExtension(evilRegistry);
        evilMarket = ILeaseMarket(address(new LeaseMarket(evilRegistry, marketParameters(), address(evilExtension))));
        vm.prank(admin);
        evilRegistry.bindMarket(address(evilMarket));
        attacker = new Attacker();
        evilToken.mint(address(attacker), 1_000_000 ether);
        evilToken.setHook(attacker);
        attacker.execute(address(evilToken), abi.encodeCall(evilToken.approve, (address(evilMarket), type(uint256).max)));
        attacker.execute(address(evilToken), abi.encodeCall(evilToken.approve, (address(evilRegistry), type(uint256).max)));
    }

    // ------------------------------------------------------------------------------------------------------------
    // re-entrancy
    // ------------------------------------------------------------------------------------------------------------

    function test_Reentrancy_WithdrawFromWithdrawHook_IsBlocked_PaidOnce() public {
        uint256 orderId = attackerCreatesOrder();
        attacker.execute(address(evilMarket), abi.encodeCall(ILeaseMarket.cancelOrder, (orderId)));
        uint256 owed = evilMarket.withdrawable(address(attacker));
        uint256 before = evilToken.balanceOf(address(attacker));
        attacker.arm(address(evilMarket), abi.encodeCall(ILeaseMarket.withdraw, ()));
        attacker.execute(address(evilMarket), abi.encodeCall(ILeaseMarket.withdraw, ()));
        assertTrue(attacker.attempted(), "re-entry attempted");
        assertFalse(attacker.reentrySucceeded(), "re-entry failed");
        assertEq(attacker.reentryResult(), GUARD_REVERT, "stopped by the guard");
        assertEq(evilToken.balanceOf(address(attacker)) - before, owed, "paid exactly once");
        assertEq(evilToken.balanceOf(address(evilMarket)), 0, "market owes nothing and holds nothing");
    }

    function test_Reentrancy_CancelFromCreateOrderHook_IsBlocked() public {
        attacker.arm(address(evilMarket), abi.encodeCall(ILeaseMarket.cancelOrder, (1)));
        uint256 orderId = attackerCreatesOrder();
        assertEq(attacker.reentryResult(), GUARD_REVERT, "cancel blocked while the escrow is being pulled");
        assertEq(uint256(evilMarket.getOrder(orderId).state), uint256(OrderState.Open), "order still open");
        assertEq(evilMarket.withdrawable(address(attacker)), 0, "no refund credited");
        assertEq(evilToken.balanceOf(address(evilMarket)), evilMarket.getOrder(orderId).escrow, "escrow held");
    }

    function test_Reentrancy_WithdrawUnbondedFromItsOwnHook_IsBlocked() public {
        attackerRegisters();
        attacker.execute(address(evilRegistry), abi.encodeCall(IProviderRegistry.requestUnbond, (300 ether)));
        skipTime(UNBONDING_PERIOD);
        uint256 before = evilToken.balanceOf(address(attacker));
        attacker.arm(address(evilRegistry), abi.encodeCall(IProviderRegistry.withdrawUnbonded, ()));
        attacker.execute(address(evilRegistry), abi.encodeCall(IProviderRegistry.withdrawUnbonded, ()));
        assertEq(attacker.reentryResult(), GUARD_REVERT, "stopped by the guard");
        assertEq(evilToken.balanceOf(address(attacker)) - before, 300 ether, "paid once");
        assertEq(evilToken.balanceOf(address(evilRegistry)), PROVIDER_STAKE - 300 ether, "registry holds the rest");
    }

    function test_Reentrancy_MarketWithdrawDuringSlashTransfer_IsBlocked() public {
        uint256 leaseId = attackerHoldsLease();
        // give the attacker something to withdraw, then let its lease be reported
        uint256 orderId = attackerCreatesOrder();
        attacker.execute(address(evilMarket), abi.encodeCall(ILeaseMarket.cancelOrder, (orderId)));
        skipTime(HEARTBEAT_TIMEOUT + 1);
        attacker.arm(address(evilMarket), abi.encodeCall(ILeaseMarket.withdraw, ()));
        vm.prank(verifier);
        evilMarket.reportMissedHeartbeat(ids(leaseId));
        assertEq(attacker.reentryResult(), GUARD_REVERT, "withdraw blocked inside the report");
        assertEq(evilRegistry.getProvider(address(attacker)).stake, PROVIDER_STAKE - 10 ether, "slash applied in full");
        assertMarketSolvent();
    }

    function test_Reentrancy_UnbondDuringSlashTransfer_CannotDodgeTheSlash() public {
        uint256 leaseId = attackerHoldsLease();
        skipTime(HEARTBEAT_TIMEOUT + 1);
        // the hook fires after the stake was debited: moving the rest to unbonding changes nothing for this slash
        attacker.arm(address(evilRegistry), abi.encodeCall(IProviderRegistry.requestUnbond, (800 ether)));
        vm.prank(verifier);
        evilMarket.reportMissedHeartbeat(ids(leaseId));
        assertTrue(attacker.reentrySucceeded(), "unbond itself is allowed");
        IProviderRegistry.ProviderInfo memory info = evilRegistry.getProvider(address(attacker));
        assertEq(info.stake + info.unbondingStake, PROVIDER_STAKE - 10 ether, "full slash taken");
        assertEq(evilToken.balanceOf(address(evilRegistry)), info.stake + info.unbondingStake, "registry solvent");
        assertMarketSolvent();
    }

    // ------------------------------------------------------------------------------------------------------------
    // self-report, live report, unbonding to escape
    // ------------------------------------------------------------------------------------------------------------

    function test_SelfReport_DoesNotProfit() public {
        registerProvider(2);
        registerProvider(3);
        (, uint256 leaseId) = runningStatefulLease();
        skipTime(HEARTBEAT_TIMEOUT + 1);
        heartbeat(2);
        uint256 slash = MIN_STAKE_PER_GPU * SLASH_BPS / 10_000;
        uint256 valueBefore = providerValue(1);
        vm.prank(operatorOf(1)); // the provider's own node reports itself to collect the finder's fee
        market.reportMissedHeartbeat(ids(leaseId));
        uint256 valueAfter = providerValue(1);
        assertEq(market.withdrawable(operatorOf(1)), slash * FINDER_FEE_BPS / 10_000, "finder's fee collected");
        assertLt(valueAfter, valueBefore, "self-report is a net loss");
        assertEq(valueBefore - valueAfter, slash - slash * FINDER_FEE_BPS / 10_000, "loss = slash - finder's fee");
        assertTrue(registry.isJailed(ownerOf(1)), "and it is jailed");
    }

    function test_ReportLiveProvider_Reverts_AndChangesNothing() public {
        (, uint256 leaseId) = runningStatefulLease();
        skipTime(4);
        heartbeat(1);
        skipTime(HEARTBEAT_TIMEOUT);
        vm.prank(verifier);
        vm.expectRevert(abi.encodeWithSelector(ProviderStillLive.selector, leaseId, ownerOf(1), uint64(START_TIME + 4 + HEARTBEAT_TIMEOUT)));
        market.reportMissedHeartbeat(ids(leaseId));
        assertEq(market.getLease(leaseId).epoch, 0, "unchanged");
        assertEq(registry.getProvider(ownerOf(1)).stake, PROVIDER_STAKE, "not slashed");
    }

    function test_UnbondingFreeStakeBeforeReport_DoesNotReduceTheSlash() public {
        (, uint256 leaseId) = runningStatefulLease();
        uint256 free = registry.freeStake(ownerOf(1));
        vm.startPrank(ownerOf(1));
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.InsufficientFreeStake.selector, ownerOf(1), free, PROVIDER_STAKE)
        );
        registry.requestUnbond(PROVIDER_STAKE); // the stake backing the lease is locked
        registry.requestUnbond(free);
        vm.stopPrank();
        skipTime(HEARTBEAT_TIMEOUT + 1);
        heartbeat(2);
        vm.prank(verifier);
        market.reportMissedHeartbeat(ids(leaseId));
        uint256 slash = MIN_STAKE_PER_GPU * SLASH_BPS / 10_000;
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(ownerOf(1));
        assertEq(info.stake + info.unbondingStake, PROVIDER_STAKE - slash, "full slash despite the unbond request");
        assertEq(info.unbondingStake, free, "the unbonding request itself intact");
    }

    // ------------------------------------------------------------------------------------------------------------
    // offers from ineligible providers
    // ------------------------------------------------------------------------------------------------------------

    function test_Offer_FromJailedProvider_Reverts() public {
        registerProvider(2);
        (, uint256 leaseId) = runningStatefulLease();
        skipTime(HEARTBEAT_TIMEOUT + 1);
        vm.prank(verifier);
        market.reportMissedHeartbeat(ids(leaseId));
        uint256 orderId = createOrder(defaultRequest());
        vm.prank(operatorOf(1));
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.ProviderIsJailed.selector, ownerOf(1), uint64(block.timestamp + JAIL_PERIOD))
        );
        market.placeOffer(orderId, PRICE);
    }

    /// Provider 1 offers the cheapest price, then misses a heartbeat on another lease and is jailed before the tenant
    /// finalizes: its offer must not become a lease or a standby position.
    function test_Finalize_OfferOfAProviderJailedSinceOffering_IsEvicted_AndTheNextBestWins() public {
        (, uint256 leaseId) = runningStatefulLease();
        registerProvider(4);
        registerProvider(5);
        uint256 orderId = createOrder(defaultRequest());
        offer(1, orderId, PRICE - 10);
        offer(4, orderId, PRICE - 1);
        offer(5, orderId, PRICE);
        uint256 stakePerPosition = market.getOrder(orderId).stakePerPosition;
        skipTime(HEARTBEAT_TIMEOUT + 1);
        heartbeat(4);
        heartbeat(5);
        reportOne(leaseId); // provider 1 is jailed
        uint256 lockedBefore = registry.getProvider(ownerOf(1)).lockedStake;

        vm.expectEmit(true, true, true, true, address(market));
        emit OfferEvicted(orderId, ownerOf(1), PRICE - 10);
        uint256 first = finalize(orderId);

        assertEq(market.getLease(first).provider, ownerOf(4), "the next best offer wins");
        StandbyInfo[] memory standbys = market.getStandbys(orderId);
        assertEq(standbys.length, 1, "one standby");
        assertEq(standbys[0].provider, ownerOf(5), "the jailed provider is not a standby");
        assertEq(registry.getProvider(ownerOf(1)).lockedStake, lockedBefore - stakePerPosition, "its stake is unlocked");
        assertEq(market.getOffers(orderId).length, 2, "the evicted offer is gone from the book");
    }

    function test_Finalize_OnlyOffersOfJailedProviders_RevertsNoOffers_AndCancelUnlocksThem() public {
        (, uint256 leaseId) = runningStatefulLease();
        uint256 orderId = createOrder(defaultRequest());
        offer(1, orderId, PRICE);
        skipTime(HEARTBEAT_TIMEOUT + 1);
        reportOne(leaseId);
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(NoOffers.selector, orderId));
        market.finalizeOrder(orderId);
        uint256 lockedBefore = registry.getProvider(ownerOf(1)).lockedStake;
        vm.prank(tenant);
        market.cancelOrder(orderId);
        assertEq(
            registry.getProvider(ownerOf(1)).lockedStake,
            lockedBefore - market.getOrder(orderId).stakePerPosition,
            "cancel unlocks it"
        );
    }

    function test_Offer_FromUnregisteredOrUnstakedProvider_Reverts() public {
        uint256 orderId = createOrder(defaultRequest());
        vm.prank(operatorOf(5));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.UnknownOperator.selector, operatorOf(5)));
        market.placeOffer(orderId, PRICE);
        registerProvider(5);
        vm.prank(ownerOf(5));
        registry.requestUnbond(PROVIDER_STAKE); // fully unstaked, still registered
        vm.prank(operatorOf(5));
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.ProviderUnderStaked.selector, ownerOf(5), 0, MIN_STAKE_PER_GPU * PROVIDER_GPUS)
        );
        market.placeOffer(orderId, PRICE);
    }

    function test_Offer_FromUnderStakedProvider_Reverts() public {
        registerProvider(5);
        IProviderRegistry.RegistryParameters memory next = registryParameters();
        next.minStakePerGpu = PROVIDER_STAKE / PROVIDER_GPUS + 1; // the stake no longer covers 4 GPUs
        changeRegistryParameters(next);
        uint256 orderId = createOrder(defaultRequest());
        vm.prank(operatorOf(5));
        vm.expectRevert(
            abi.encodeWithSelector(
                IProviderRegistry.ProviderUnderStaked.selector, ownerOf(5), PROVIDER_STAKE, (PROVIDER_STAKE / PROVIDER_GPUS + 1) * 4
            )
        );
        market.placeOffer(orderId, PRICE);
    }

    function test_Offer_WithoutFreeStake_Reverts() public {
        registerProvider(5, GPU_MODEL, 1, 24, MIN_STAKE_PER_GPU); // stake for exactly one position
        uint256 first = createOrder(defaultRequest());
        offer(5, first, PRICE);
        uint256 second = createOrder(defaultRequest());
        vm.prank(operatorOf(5));
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.InsufficientFreeStake.selector, ownerOf(5), 0, MIN_STAKE_PER_GPU)
        );
        market.placeOffer(second, PRICE);
    }

    // ------------------------------------------------------------------------------------------------------------
    // finalize front-running
    // ------------------------------------------------------------------------------------------------------------

    function test_FinalizeFrontRun_CannotCutTheAuctionShort_OrChangeTheOutcome() public {
        for (uint256 i = 1; i <= 4; ++i) {
            registerProvider(i);
        }
        uint256 orderId = createOrder(defaultRequest());
        offer(1, orderId, PRICE);
        // a provider that already offered cannot close the window on the others
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(BidWindowOpen.selector, orderId, uint64(START_TIME + 60)));
        market.finalizeOrder(orderId);
        offer(2, orderId, PRICE - 2);
        offer(3, orderId, PRICE - 1);
        skipTime(61);
        // a late offer cannot slip in before a pending finalize
        vm.prank(operatorOf(4));
        vm.expectRevert(abi.encodeWithSelector(BidWindowClosed.selector, orderId, uint64(START_TIME + 60)));
        market.placeOffer(orderId, 1);
        // whoever finalizes first, the outcome is the deterministic ranking
        vm.prank(operatorOf(1));
        market.finalizeOrder(orderId);
        LeaseInfo memory lease = market.getLease(1);
        assertEq(lease.provider, ownerOf(2), "cheapest wins regardless of who finalized");
        StandbyInfo[] memory standbys = market.getStandbys(orderId);
        assertEq(standbys[0].provider, ownerOf(3), "standby 1");
        assertEq(standbys[1].provider, ownerOf(1), "the front-runner is last");
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(InvalidOrderState.selector, orderId, OrderState.Finalized));
        market.finalizeOrder(orderId);
        assertEq(market.leaseCount(), 1, "no second set of leases");
    }

    // ------------------------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------------------------

    function providerValue(uint256 index) internal view returns (uint256) {
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(ownerOf(index));
        return info.stake + info.unbondingStake + market.withdrawable(ownerOf(index)) + market.withdrawable(operatorOf(index));
    }

    function attackerCreatesOrder() internal returns (uint256 orderId) {
        OrderRequest memory request = defaultRequest();
        bytes memory result = attacker.execute(address(evilMarket), abi.encodeCall(ILeaseMarket.createOrder, (request)));
        orderId = abi.decode(result, (uint256));
    }

    function attackerRegisters() internal {
        attacker.execute(
            address(evilRegistry),
            abi.encodeCall(
                IProviderRegistry.register,
                (
                    operatorOf(1),
                    OperatorKeyFixtures.publicKey(1),
                    operatorSignature(evilRegistry, 1, address(attacker)),
                    GPU_MODEL,
                    PROVIDER_GPUS,
                    PROVIDER_VRAM,
                    META_CID,
                    PROVIDER_STAKE
                )
            )
        );
    }

    /// The attacker is provider owner; operator key 1 runs its node; it holds a running lease of someone's order.
    function attackerHoldsLease() internal returns (uint256 leaseId) {
        attackerRegisters();
        address someTenant = address(0x5011);
        evilToken.mint(someTenant, 10 ether);
        OrderRequest memory request = defaultRequest();
        request.standbys = 0;
        vm.startPrank(someTenant);
        evilToken.approve(address(evilMarket), request.escrow);
        uint256 orderId = evilMarket.createOrder(request);
        vm.stopPrank();
        vm.prank(operatorOf(1));
        evilMarket.placeOffer(orderId, PRICE);
        vm.prank(someTenant);
        (leaseId,) = evilMarket.finalizeOrder(orderId);
        vm.prank(operatorOf(1));
        evilMarket.ackLease(leaseId, 0);
    }

    function assertMarketSolvent() internal view {
        uint256 owed = evilMarket.withdrawable(address(attacker)) + evilMarket.withdrawable(verifier)
            + evilMarket.withdrawable(address(0x5011));
        for (uint256 id = 1; id <= evilMarket.leaseCount(); ++id) {
            owed += evilMarket.getLease(id).escrow;
        }
        for (uint256 id = 1; id <= evilMarket.orderCount(); ++id) {
            owed += evilMarket.getOrder(id).escrow;
        }
        assertEq(evilToken.balanceOf(address(evilMarket)), owed, "market holds exactly what it owes");
    }
}
