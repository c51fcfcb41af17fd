// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketFixture} from "./utils/MarketFixture.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";
import {LeaseMarket} from "../LeaseMarket.sol";
import {LeaseMarketExtension} from "../LeaseMarketExtension.sol";
import {ProviderRegistry} from "../ProviderRegistry.sol";

/// @notice LeaseMarket order side: createOrder (+ permit), cancelOrder, placeOffer, finalizeOrder, leaveStandby,
/// parameters, construction and the extension guard.
contract LeaseMarketOrdersTest is MarketFixture {
    function setUp() public override {
        super.setUp();
        for (uint256 i = 1; i <= 5; ++i) {
            registerProvider(i);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // createOrder
    // ------------------------------------------------------------------------------------------------------------

    function test_CreateOrder_StoresOrder_PullsEscrow_Emits() public {
        OrderRequest memory request = defaultRequest();
        request.gpuModel = GPU_MODEL;
        request.minVramGb = 16;
        vm.startPrank(tenant);
        token.approve(address(market), request.escrow);
        vm.expectEmit(true, true, true, true, address(market));
        emit OrderCreated(1, tenant, OrderKind.Stateful, SPEC_CID, 1, 2, PRICE, uint64(START_TIME + 60), request.escrow);
        uint256 orderId = market.createOrder(request);
        vm.stopPrank();
        assertEq(orderId, 1, "first order id");
        OrderInfo memory order = market.getOrder(orderId);
        assertEq(order.orderId, 1, "id");
        assertEq(order.tenant, tenant, "tenant");
        assertEq(uint256(order.kind), uint256(OrderKind.Stateful), "kind");
        assertEq(uint256(order.state), uint256(OrderState.Open), "state");
        assertEq(order.specCid, SPEC_CID, "spec");
        assertEq(order.gpuModel, GPU_MODEL, "model");
        assertEq(order.minVramGb, 16, "vram");
        assertEq(order.gpusPerReplica, 1, "gpus");
        assertEq(order.replicas, 1, "replicas");
        assertEq(order.standbys, 2, "standbys");
        assertEq(order.maxPricePerSecond, PRICE, "price");
        assertEq(order.maxDuration, 1 days, "duration");
        assertEq(order.bidWindow, 60, "window");
        assertEq(order.createdAt, START_TIME, "created");
        assertEq(order.bidDeadline, START_TIME + 60, "deadline");
        assertEq(order.escrow, request.escrow, "escrow");
        assertEq(order.stakePerPosition, MIN_STAKE_PER_GPU, "stake per position");
        assertEq(token.balanceOf(address(market)), request.escrow, "tokens pulled");
        assertEq(market.orderCount(), 1, "count");
    }

    function test_CreateOrder_OutOfRangeFields_Revert() public {
        OrderRequest memory r = defaultRequest();
        r.gpusPerReplica = 0;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("gpusPerReplica"), 0, 1, 1024));
        r = defaultRequest();
        r.gpusPerReplica = 1025;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("gpusPerReplica"), 1025, 1, 1024));
        r = defaultRequest();
        r.replicas = 0;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("replicas"), 0, 1, 16));
        r = defaultRequest();
        r.replicas = 17;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("replicas"), 17, 1, 16));
        r = defaultRequest();
        r.standbys = 9;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("standbys"), 9, 0, 8));
        r = defaultRequest();
        r.replicas = 12;
        r.standbys = 5;
        r.escrow = 12 * PRICE * 3600;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("standbys"), 5, 0, 4));
        r = defaultRequest();
        r.maxPricePerSecond = 0;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("maxPricePerSecond"), 0, 1, type(uint72).max));
        r = defaultRequest();
        r.maxPricePerSecond = uint256(type(uint72).max) + 1;
        expectCreateRevert(
            r,
            abi.encodeWithSelector(
                OrderValueOutOfRange.selector, bytes32("maxPricePerSecond"), uint256(type(uint72).max) + 1, 1, type(uint72).max
            )
        );
        r = defaultRequest();
        r.maxDuration = 59;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("maxDuration"), 59, 60, 365 days));
        r = defaultRequest();
        r.maxDuration = 365 days + 1;
        expectCreateRevert(
            r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("maxDuration"), 365 days + 1, 60, 365 days)
        );
        r = defaultRequest();
        r.bidWindow = 0;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("bidWindow"), 0, 1, 7 days));
        r = defaultRequest();
        r.bidWindow = 7 days + 1;
        expectCreateRevert(r, abi.encodeWithSelector(OrderValueOutOfRange.selector, bytes32("bidWindow"), 7 days + 1, 1, 7 days));
    }

    function test_CreateOrder_BadCidModelEscrow_Revert() public {
        OrderRequest memory r = defaultRequest();
        r.specCid = "";
        expectCreateRevert(r, abi.encodeWithSelector(InvalidCid.selector, 0, 128));
        r = defaultRequest();
        r.specCid = new bytes(129);
        expectCreateRevert(r, abi.encodeWithSelector(InvalidCid.selector, 129, 128));
        r = defaultRequest();
        r.gpuModel = string(new bytes(65));
        expectCreateRevert(r, abi.encodeWithSelector(InvalidGpuModel.selector, 65, 64));
        r = defaultRequest();
        r.replicas = 3;
        r.escrow = 3 * PRICE * MIN_PREPAID - 1;
        expectCreateRevert(r, abi.encodeWithSelector(EscrowTooLow.selector, r.escrow, 3 * PRICE * MIN_PREPAID));
        r = defaultRequest();
        r.maxPricePerSecond = 1;
        r.escrow = uint256(type(uint128).max) + 1;
        expectCreateRevert(r, abi.encodeWithSelector(AmountTooLarge.selector, r.escrow, type(uint128).max));
        assertEq(market.orderCount(), 0, "nothing created");
    }

    function test_CreateOrder_WithoutAllowance_Reverts() public {
        vm.prank(tenant);
        vm.expectRevert();
        market.createOrder(defaultRequest());
        assertEq(market.orderCount(), 0, "nothing created");
    }

    function test_CreateOrderWithPermit_OneTransaction() public {
        uint256 tenantKey = 0x7E4A47;
        address permitTenant = vm.addr(tenantKey);
        OrderRequest memory request = defaultRequest();
        fund(permitTenant, request.escrow);
        (uint8 v, bytes32 r, bytes32 s) = signPermit(tenantKey, permitTenant, request.escrow, block.timestamp + 100);
        vm.prank(permitTenant);
        uint256 orderId = market.createOrderWithPermit(request, block.timestamp + 100, v, r, s);
        assertEq(market.getOrder(orderId).tenant, permitTenant, "tenant");
        assertEq(token.balanceOf(permitTenant), 0, "escrow pulled");
    }

    function test_CreateOrderWithPermit_FrontRunPermit_StillWorks() public {
        uint256 tenantKey = 0x7E4A47;
        address permitTenant = vm.addr(tenantKey);
        OrderRequest memory request = defaultRequest();
        fund(permitTenant, request.escrow);
        uint256 deadline = block.timestamp + 100;
        (uint8 v, bytes32 r, bytes32 s) = signPermit(tenantKey, permitTenant, request.escrow, deadline);
        // someone replays the permit first: the nonce is used, but the allowance is in place
        token.permit(permitTenant, address(market), request.escrow, deadline, v, r, s);
        vm.prank(permitTenant);
        uint256 orderId = market.createOrderWithPermit(request, deadline, v, r, s);
        assertEq(market.getOrder(orderId).escrow, request.escrow, "order created");
    }

    function test_CreateOrderWithPermit_BadSignature_RevertsAllowanceTooLow() public {
        uint256 tenantKey = 0x7E4A47;
        address permitTenant = vm.addr(tenantKey);
        OrderRequest memory request = defaultRequest();
        (uint8 v, bytes32 r, bytes32 s) = signPermit(tenantKey + 1, permitTenant, request.escrow, block.timestamp + 100);
        vm.prank(permitTenant);
        vm.expectRevert(abi.encodeWithSelector(PermitAllowanceTooLow.selector, 0, request.escrow));
        market.createOrderWithPermit(request, block.timestamp + 100, v, r, s);
    }

    // ------------------------------------------------------------------------------------------------------------
    // placeOffer
    // ------------------------------------------------------------------------------------------------------------

    function test_PlaceOffer_LocksStake_RecordsOffer() public {
        uint256 orderId = createOrder(defaultRequest());
        vm.prank(operatorOf(1));
        vm.expectEmit(true, true, true, true, address(market));
        emit OfferPlaced(orderId, ownerOf(1), PRICE - 5, 0);
        market.placeOffer(orderId, PRICE - 5);
        OfferInfo[] memory offers = market.getOffers(orderId);
        assertEq(offers.length, 1, "one offer");
        assertEq(offers[0].provider, ownerOf(1), "provider");
        assertEq(offers[0].pricePerSecond, PRICE - 5, "price");
        assertEq(offers[0].sequence, 0, "sequence");
        assertEq(registry.getProvider(ownerOf(1)).lockedStake, MIN_STAKE_PER_GPU, "stake locked");
    }

    function test_PlaceOffer_FullBook_EvictsWorst_AndUnlocksIt() public {
        uint256 orderId = orderWithOffers(defaultRequest(), prices3(PRICE - 1, PRICE, PRICE - 2));
        vm.prank(operatorOf(4));
        vm.expectEmit(true, true, true, true, address(market));
        emit OfferEvicted(orderId, ownerOf(2), PRICE);
        market.placeOffer(orderId, PRICE - 3);
        assertEq(registry.getProvider(ownerOf(2)).lockedStake, 0, "evicted stake unlocked");
        OfferInfo[] memory offers = market.getOffers(orderId);
        assertEq(offers.length, 3, "book stays bounded");
        assertEq(offers[1].provider, ownerOf(4), "replaced in place");
    }

    function test_PlaceOffer_FullBook_EqualToWorst_RevertsNotCompetitive() public {
        uint256 orderId = orderWithOffers(defaultRequest(), prices3(PRICE - 1, PRICE - 1, PRICE - 1));
        vm.prank(operatorOf(4));
        vm.expectRevert(abi.encodeWithSelector(OfferNotCompetitive.selector, orderId, PRICE - 1, PRICE - 1));
        market.placeOffer(orderId, PRICE - 1);
        assertEq(registry.getProvider(ownerOf(4)).lockedStake, 0, "nothing locked");
    }

    function test_PlaceOffer_Errors() public {
        uint256 orderId = createOrder(defaultRequest());
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(OrderNotFound.selector, 99));
        market.placeOffer(99, PRICE);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(PriceOutOfRange.selector, 0, PRICE));
        market.placeOffer(orderId, 0);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(PriceOutOfRange.selector, PRICE + 1, PRICE));
        market.placeOffer(orderId, PRICE + 1);
        offer(1, orderId, PRICE);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(DuplicateOffer.selector, orderId, ownerOf(1)));
        market.placeOffer(orderId, PRICE - 1);
        vm.prank(ownerOf(2)); // the owner key is not an operator
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.UnknownOperator.selector, ownerOf(2)));
        market.placeOffer(orderId, PRICE);
        skipTime(61);
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(BidWindowClosed.selector, orderId, uint64(START_TIME + 60)));
        market.placeOffer(orderId, PRICE);
        finalize(orderId);
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(InvalidOrderState.selector, orderId, OrderState.Finalized));
        market.placeOffer(orderId, PRICE);
    }

    function test_PlaceOffer_RequirementsNotMet_Revert() public {
        registerProvider(6, "A100", 2, 80, PROVIDER_STAKE);
        OrderRequest memory r = defaultRequest();
        r.gpuModel = "A100";
        uint256 orderId = createOrder(r);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(GpuModelMismatch.selector, orderId, ownerOf(1)));
        market.placeOffer(orderId, PRICE);
        offer(6, orderId, PRICE); // the A100 provider fits

        r = defaultRequest();
        r.gpusPerReplica = 3;
        orderId = createOrder(r);
        vm.prank(operatorOf(6));
        vm.expectRevert(abi.encodeWithSelector(NotEnoughGpus.selector, ownerOf(6), 2, 3));
        market.placeOffer(orderId, PRICE);

        r = defaultRequest();
        r.minVramGb = 40;
        orderId = createOrder(r);
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(NotEnoughVram.selector, ownerOf(1), 24, 40));
        market.placeOffer(orderId, PRICE);
    }

    // ------------------------------------------------------------------------------------------------------------
    // finalizeOrder
    // ------------------------------------------------------------------------------------------------------------

    function test_Finalize_CheapestWin_TiesToEarliest_StandbysOrdered() public {
        OrderRequest memory r = defaultRequest();
        r.replicas = 2;
        r.standbys = 2;
        r.kind = OrderKind.Stateless;
        r.escrow = 2 * PRICE * 3600 + 1;
        uint256 orderId = createOrder(r);
        offer(1, orderId, PRICE - 1); // seq 0
        offer(2, orderId, PRICE - 3); // seq 1  -> cheapest
        offer(3, orderId, PRICE - 1); // seq 2  -> tie with 1, later
        offer(4, orderId, PRICE - 2); // seq 3
        address[] memory standbys = new address[](2);
        standbys[0] = ownerOf(1);
        standbys[1] = ownerOf(3);
        vm.prank(tenant);
        vm.expectEmit(true, true, true, true, address(market));
        emit OrderFinalized(orderId, 1, 2, standbys);
        (uint256 first, uint256 count) = market.finalizeOrder(orderId);
        assertEq(first, 1, "first lease");
        assertEq(count, 2, "two leases");

        LeaseInfo[] memory leases = market.getOrderLeases(orderId);
        assertEq(leases[0].provider, ownerOf(2), "slot 0: cheapest");
        assertEq(leases[0].pricePerSecond, PRICE - 3, "slot 0 price");
        assertEq(leases[1].provider, ownerOf(4), "slot 1: second cheapest");
        assertEq(leases[0].escrow, PRICE * 3600 + 1, "first lease takes the remainder");
        assertEq(leases[1].escrow, PRICE * 3600, "even split");
        assertEq(uint256(leases[0].state), uint256(LeaseState.Assigned), "assigned");
        assertEq(leases[0].ackDeadline, START_TIME + START_DEADLINE, "ack deadline");
        assertEq(leases[0].endsAt, START_TIME + 1 days, "ends");
        assertEq(uint256(leases[1].kind), uint256(OrderKind.Stateless), "kind copied");
        assertEq(leases[1].slot, 1, "slot");

        StandbyInfo[] memory queue = market.getStandbys(orderId);
        assertEq(queue.length, 2, "standbys");
        assertEq(queue[0].provider, ownerOf(1), "earlier tie first");
        assertEq(queue[1].provider, ownerOf(3), "later tie second");
        OrderInfo memory order = market.getOrder(orderId);
        assertEq(uint256(order.state), uint256(OrderState.Finalized), "finalized");
        assertEq(order.escrow, 0, "escrow moved into leases");
        assertEq(order.openLeases, 2, "open leases");
        assertEq(order.standbysRemaining, 2, "standbys remaining");
        assertEq(market.leaseCount(), 2, "lease count");
    }

    function test_Finalize_FewerOffersThanReplicas_CreatesWhatItCan() public {
        OrderRequest memory r = defaultRequest();
        r.replicas = 3;
        r.standbys = 0;
        r.escrow = 3 * PRICE * 3600;
        uint256 orderId = createOrder(r);
        offer(1, orderId, PRICE);
        offer(2, orderId, PRICE);
        finalize(orderId);
        OrderInfo memory order = market.getOrder(orderId);
        assertEq(order.leaseCount, 2, "two leases");
        assertEq(market.getLease(1).escrow + market.getLease(2).escrow, r.escrow, "all escrow assigned");
        assertEq(market.getStandbys(orderId).length, 0, "no standbys");
    }

    function test_Finalize_Errors() public {
        uint256 orderId = createOrder(defaultRequest());
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(NoOffers.selector, orderId));
        market.finalizeOrder(orderId);
        offer(1, orderId, PRICE);
        vm.prank(verifier);
        vm.expectRevert(abi.encodeWithSelector(BidWindowOpen.selector, orderId, uint64(START_TIME + 60)));
        market.finalizeOrder(orderId);
        vm.expectRevert(abi.encodeWithSelector(OrderNotFound.selector, 42));
        market.finalizeOrder(42);
        skipTime(61);
        vm.prank(verifier); // anyone, once the window has passed
        market.finalizeOrder(orderId);
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(InvalidOrderState.selector, orderId, OrderState.Finalized));
        market.finalizeOrder(orderId);
    }

    // ------------------------------------------------------------------------------------------------------------
    // cancelOrder
    // ------------------------------------------------------------------------------------------------------------

    function test_CancelOrder_RefundsAndUnlocksOffers() public {
        OrderRequest memory r = defaultRequest();
        uint256 orderId = orderWithOffers(r, prices3(PRICE, PRICE, PRICE));
        vm.prank(tenant);
        vm.expectEmit(true, true, true, true, address(market));
        emit OrderCancelled(orderId, r.escrow);
        market.cancelOrder(orderId);
        assertEq(uint256(market.getOrder(orderId).state), uint256(OrderState.Cancelled), "cancelled");
        assertEq(market.withdrawable(tenant), r.escrow, "refund credited");
        for (uint256 i = 1; i <= 3; ++i) {
            assertEq(registry.getProvider(ownerOf(i)).lockedStake, 0, "offer stake unlocked");
        }
        uint256 before = token.balanceOf(tenant);
        vm.prank(tenant);
        assertEq(market.withdraw(), r.escrow, "withdrawn");
        assertEq(token.balanceOf(tenant), before + r.escrow, "tokens back");
    }

    function test_CancelOrder_Errors() public {
        uint256 orderId = createOrder(defaultRequest());
        vm.prank(verifier);
        vm.expectRevert(abi.encodeWithSelector(NotTenant.selector, orderId, verifier));
        market.cancelOrder(orderId);
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(OrderNotFound.selector, 7));
        market.cancelOrder(7);
        vm.prank(tenant);
        market.cancelOrder(orderId);
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(InvalidOrderState.selector, orderId, OrderState.Cancelled));
        market.cancelOrder(orderId);
    }

    // ------------------------------------------------------------------------------------------------------------
    // leaveStandby
    // ------------------------------------------------------------------------------------------------------------

    function test_LeaveStandby_ByOperatorOrOwner() public {
        uint256 orderId = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        finalize(orderId);
        vm.prank(operatorOf(2));
        vm.expectEmit(true, true, true, true, address(market));
        emit StandbyLeft(orderId, ownerOf(2));
        market.leaveStandby(orderId);
        vm.prank(ownerOf(3));
        market.leaveStandby(orderId);
        assertEq(market.getStandbys(orderId).length, 0, "queue empty");
        assertEq(registry.getProvider(ownerOf(2)).lockedStake, 0, "unlocked 2");
        assertEq(registry.getProvider(ownerOf(3)).lockedStake, 0, "unlocked 3");
        vm.prank(ownerOf(3));
        vm.expectRevert(abi.encodeWithSelector(NotStandby.selector, orderId, ownerOf(3)));
        market.leaveStandby(orderId);
    }

    function test_LeaveStandby_Errors() public {
        uint256 orderId = orderWithOffers(defaultRequest(), prices3(PRICE, PRICE, PRICE));
        vm.prank(operatorOf(2));
        vm.expectRevert(abi.encodeWithSelector(InvalidOrderState.selector, orderId, OrderState.Open));
        market.leaveStandby(orderId);
        finalize(orderId);
        vm.prank(operatorOf(1)); // the lease holder is not a standby
        vm.expectRevert(abi.encodeWithSelector(NotStandby.selector, orderId, ownerOf(1)));
        market.leaveStandby(orderId);
        vm.prank(verifier); // neither owner nor operator
        vm.expectRevert(abi.encodeWithSelector(NotStandby.selector, orderId, verifier));
        market.leaveStandby(orderId);
        vm.expectRevert(abi.encodeWithSelector(OrderNotFound.selector, 9));
        market.leaveStandby(9);
    }

    // ------------------------------------------------------------------------------------------------------------
    // parameters, construction, extension
    // ------------------------------------------------------------------------------------------------------------

    function test_Parameters_GettersAndStruct() public view {
        MarketParameters memory p = market.parameters();
        assertEq(p.startDeadline, START_DEADLINE, "start");
        assertEq(p.minPrepaidSeconds, MIN_PREPAID, "prepaid");
        assertEq(p.slashBps, SLASH_BPS, "slash");
        assertEq(p.minorSlashBps, MINOR_SLASH_BPS, "minor");
        assertEq(p.finderFeeBps, FINDER_FEE_BPS, "finder");
        assertEq(p.protocolFeeBps, 0, "fee");
        assertEq(p.treasury, treasuryAccount, "treasury");
        assertEq(market.startDeadline(), START_DEADLINE, "getter");
        assertEq(market.minPrepaidSeconds(), MIN_PREPAID, "getter");
        assertEq(market.slashBps(), SLASH_BPS, "getter");
        assertEq(market.minorSlashBps(), MINOR_SLASH_BPS, "getter");
        assertEq(market.finderFeeBps(), FINDER_FEE_BPS, "getter");
        assertEq(market.protocolFeeBps(), 0, "getter");
        assertEq(market.treasury(), treasuryAccount, "getter");
        assertEq(market.registry(), address(registry), "registry");
        assertEq(market.stakeToken(), address(token), "token");
        assertEq(marketContract.extension(), address(extension), "extension");
    }

    function test_ScheduledParameters_ApplyAfterTheDelay_AndEmit() public {
        MarketParameters memory next = MarketParameters({
            startDeadline: 300,
            minPrepaidSeconds: 3600,
            slashBps: 2000,
            minorSlashBps: 0,
            finderFeeBps: 5000,
            protocolFeeBps: 1000,
            treasury: verifier
        });
        uint64 effectiveAt = uint64(block.timestamp) + marketContract.PARAMETER_DELAY();
        vm.expectEmit(true, true, true, true, address(market));
        emit MarketParametersScheduled(next, effectiveAt);
        vm.prank(admin);
        market.scheduleParameters(next);
        (MarketParameters memory scheduled, uint64 at) = market.scheduledParameters();
        assertEq(at, effectiveAt, "effective at");
        assertEq(scheduled.slashBps, 2000, "scheduled");
        skipTime(marketContract.PARAMETER_DELAY() - 1);
        vm.expectRevert(abi.encodeWithSelector(ParametersNotYetEffective.selector, effectiveAt));
        market.applyScheduledParameters();
        assertEq(market.slashBps(), SLASH_BPS, "not before the delay");
        skipTime(1);
        vm.expectEmit(true, true, true, true, address(market));
        emit ParameterUpdated("startDeadline", START_DEADLINE, 300);
        vm.expectEmit(true, true, true, true, address(market));
        emit ParameterUpdated("minPrepaidSeconds", MIN_PREPAID, 3600);
        vm.expectEmit(true, true, true, true, address(market));
        emit ParameterUpdated("slashBps", SLASH_BPS, 2000);
        vm.expectEmit(true, true, true, true, address(market));
        emit ParameterUpdated("minorSlashBps", MINOR_SLASH_BPS, 0);
        vm.expectEmit(true, true, true, true, address(market));
        emit ParameterUpdated("finderFeeBps", FINDER_FEE_BPS, 5000);
        vm.expectEmit(true, true, true, true, address(market));
        emit ParameterUpdated("protocolFeeBps", 0, 1000);
        vm.expectEmit(true, true, true, true, address(market));
        emit TreasuryUpdated(treasuryAccount, verifier);
        vm.prank(tenant); // anyone applies
        market.applyScheduledParameters();
        MarketParameters memory p = market.parameters();
        assertEq(p.startDeadline, 300, "start");
        assertEq(p.minPrepaidSeconds, 3600, "prepaid");
        assertEq(p.slashBps, 2000, "slash");
        assertEq(p.minorSlashBps, 0, "minor");
        assertEq(p.finderFeeBps, 5000, "finder");
        assertEq(p.protocolFeeBps, 1000, "fee");
        assertEq(p.treasury, verifier, "treasury");
        (, at) = market.scheduledParameters();
        assertEq(at, 0, "nothing scheduled any more");
        vm.expectRevert(abi.encodeWithSelector(NoScheduledParameters.selector));
        market.applyScheduledParameters();
    }

    function test_ScheduledParameters_Cancel_RemovesTheChange() public {
        MarketParameters memory next = marketParameters();
        next.slashBps = 4000;
        vm.prank(admin);
        market.scheduleParameters(next);
        uint64 effectiveAt = uint64(block.timestamp) + marketContract.PARAMETER_DELAY();
        vm.expectEmit(true, true, true, true, address(market));
        emit ScheduledParametersCancelled(effectiveAt);
        vm.prank(admin);
        market.cancelScheduledParameters();
        skipTime(marketContract.PARAMETER_DELAY());
        vm.expectRevert(abi.encodeWithSelector(NoScheduledParameters.selector));
        market.applyScheduledParameters();
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(NoScheduledParameters.selector));
        market.cancelScheduledParameters();
        assertEq(market.slashBps(), SLASH_BPS, "unchanged");
    }

    function test_ScheduledParameters_OutOfRange_Revert() public {
        vm.startPrank(admin);
        expectScheduleOutOfRange("startDeadline", 9, 10, 1 days);
        expectScheduleOutOfRange("startDeadline", 1 days + 1, 10, 1 days);
        expectScheduleOutOfRange("minPrepaidSeconds", 0, 1, 30 days);
        expectScheduleOutOfRange("minPrepaidSeconds", 30 days + 1, 1, 30 days);
        expectScheduleOutOfRange("slashBps", 0, 1, 5000);
        expectScheduleOutOfRange("slashBps", 5001, 1, 5000);
        expectScheduleOutOfRange("minorSlashBps", 5001, 0, 5000);
        expectScheduleOutOfRange("finderFeeBps", 5001, 0, 5000);
        expectScheduleOutOfRange("protocolFeeBps", 1001, 0, 1000);
        MarketParameters memory next = marketParameters();
        next.treasury = address(0);
        vm.expectRevert(abi.encodeWithSelector(ZeroAddress.selector, bytes32("treasury")));
        market.scheduleParameters(next);
        vm.stopPrank();
    }

    function expectScheduleOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max) internal {
        MarketParameters memory next = marketParameters();
        if (name == "startDeadline") next.startDeadline = uint64(value);
        if (name == "minPrepaidSeconds") next.minPrepaidSeconds = uint64(value);
        if (name == "slashBps") next.slashBps = uint16(value);
        if (name == "minorSlashBps") next.minorSlashBps = uint16(value);
        if (name == "finderFeeBps") next.finderFeeBps = uint16(value);
        if (name == "protocolFeeBps") next.protocolFeeBps = uint16(value);
        expectOutOfRange(name, value, min, max);
        market.scheduleParameters(next);
    }

    function test_ScheduleAndCancel_WithoutTheRegistrysParameterRole_Revert() public {
        bytes32 role = marketContract.PARAMETER_ROLE();
        bytes memory missing = abi.encodeWithSelector(AccessControlUnauthorizedAccount.selector, tenant, role);
        MarketParameters memory next = marketParameters();
        vm.startPrank(tenant);
        vm.expectRevert(missing);
        market.scheduleParameters(next);
        vm.expectRevert(missing);
        market.cancelScheduledParameters();
        vm.stopPrank();
        // the role is the registry's: granting it there lets the account schedule market changes
        vm.prank(admin);
        registry.grantRole(role, tenant);
        vm.prank(tenant);
        market.scheduleParameters(next);
    }

    function test_Extension_DirectCall_Reverts() public {
        vm.prank(tenant);
        vm.expectRevert(abi.encodeWithSelector(LeaseMarketExtension.DirectCallNotAllowed.selector));
        extension.createOrder(defaultRequest());
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(LeaseMarketExtension.DirectCallNotAllowed.selector));
        extension.scheduleParameters(marketParameters());
        assertEq(extension.extensionRegistry(), address(registry), "registry");
    }

    function test_Constructor_Errors() public {
        ProviderRegistry otherRegistry = new ProviderRegistry(token, registryParameters(), admin);
        LeaseMarketExtension otherExtension = new LeaseMarketExtension(otherRegistry);
        vm.expectRevert(
            abi.encodeWithSelector(LeaseMarket.ExtensionMismatch.selector, address(otherExtension), address(registry))
        );
        new LeaseMarket(registry, marketParameters(), address(otherExtension));
        vm.expectRevert(abi.encodeWithSelector(LeaseMarket.ExtensionMismatch.selector, tenant, address(registry)));
        new LeaseMarket(registry, marketParameters(), tenant);
        MarketParameters memory bad = marketParameters();
        bad.slashBps = 0;
        expectOutOfRange("slashBps", 0, 1, 5000);
        new LeaseMarket(registry, bad, address(extension));
        vm.expectRevert(abi.encodeWithSelector(ZeroAddress.selector, bytes32("registry")));
        new LeaseMarketExtension(ProviderRegistry(address(0)));
    }

    // ------------------------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------------------------

    function expectCreateRevert(OrderRequest memory request, bytes memory revertData) internal {
        vm.startPrank(tenant);
        token.approve(address(market), type(uint256).max);
        vm.expectRevert(revertData);
        market.createOrder(request);
        vm.stopPrank();
    }

    function expectOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max) internal {
        vm.expectRevert(abi.encodeWithSelector(ParameterOutOfRange.selector, name, value, min, max));
    }

    function signPermit(uint256 key, address owner, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                owner,
                address(market),
                value,
                token.nonces(owner),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(key, digest);
    }
}
