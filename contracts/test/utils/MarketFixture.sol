// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {TestBase} from "./TestBase.sol";
import {OperatorKeyFixtures} from "./OperatorKeyFixtures.sol";
import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {LeaseMarket} from "../../LeaseMarket.sol";
import {LeaseMarketExtension} from "../../LeaseMarketExtension.sol";
import {IProviderRegistry} from "../../interfaces/IProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {ILeaseMarketTypes} from "../../interfaces/ILeaseMarketTypes.sol";

/// @title Deploys token + registry + market with test parameters and offers helpers for providers and orders
abstract contract MarketFixture is TestBase, ILeaseMarketTypes {
    uint256 internal constant START_TIME = 1_000_000;
    uint256 internal constant MIN_STAKE_PER_GPU = 100 ether;
    uint64 internal constant UNBONDING_PERIOD = 60;
    uint64 internal constant JAIL_PERIOD = 60;
    uint64 internal constant HEARTBEAT_INTERVAL = 2;
    uint64 internal constant HEARTBEAT_TIMEOUT = 6;
    uint64 internal constant START_DEADLINE = 30;
    uint64 internal constant MIN_PREPAID = 60;
    uint16 internal constant SLASH_BPS = 1000;
    uint16 internal constant MINOR_SLASH_BPS = 200;
    uint16 internal constant FINDER_FEE_BPS = 1000;

    uint256 internal constant PRICE = 1e15; // default max price per second
    uint256 internal constant PROVIDER_STAKE = 1000 ether;
    uint32 internal constant PROVIDER_GPUS = 4;
    uint32 internal constant PROVIDER_VRAM = 24;
    string internal constant GPU_MODEL = "RTX4090";

    address internal admin = address(0xAD);
    address internal treasuryAccount = address(0x7EA5);
    address internal tenant = address(0x7E4A47);
    address internal verifier = address(0x7E1F1E5);

    DevToken internal token;
    ProviderRegistry internal registry;
    LeaseMarketExtension internal extension;
    LeaseMarket internal marketContract;
    ILeaseMarket internal market;

    bytes internal constant SPEC_CID = hex"01551220aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    bytes internal constant META_CID = hex"01551220bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    function setUp() public virtual {
        vm.warp(START_TIME);
        token = new DevToken("DePinGpu Test Token", "tDPG", admin);
        registry = new ProviderRegistry(token, registryParameters(), admin);
        extension = new LeaseMarketExtension(registry);
        marketContract = new LeaseMarket(registry, marketParameters(), address(extension));
        market = ILeaseMarket(address(marketContract));
        vm.prank(admin);
        registry.bindMarket(address(marketContract));
        fund(tenant, 1_000_000 ether);
    }

    function registryParameters() internal pure returns (IProviderRegistry.RegistryParameters memory) {
        return IProviderRegistry.RegistryParameters({
            minStakePerGpu: MIN_STAKE_PER_GPU,
            unbondingPeriod: UNBONDING_PERIOD,
            jailPeriod: JAIL_PERIOD,
            heartbeatInterval: HEARTBEAT_INTERVAL,
            heartbeatTimeout: HEARTBEAT_TIMEOUT
        });
    }

    function marketParameters() internal view returns (MarketParameters memory) {
        return MarketParameters({
            startDeadline: START_DEADLINE,
            minPrepaidSeconds: MIN_PREPAID,
            slashBps: SLASH_BPS,
            minorSlashBps: MINOR_SLASH_BPS,
            finderFeeBps: FINDER_FEE_BPS,
            protocolFeeBps: 0,
            treasury: treasuryAccount
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // Accounts
    // ------------------------------------------------------------------------------------------------------------

    function fund(address account, uint256 amount) internal {
        vm.prank(admin);
        token.mint(account, amount);
    }

    /// @notice Owner (cold) address of provider i (1..12).
    function ownerOf(uint256 index) internal pure returns (address) {
        return address(uint160(0xB0000 + index));
    }

    /// @notice Operator (hot) address of provider i: the address of fixture key i.
    function operatorOf(uint256 index) internal pure returns (address) {
        return address(uint160(uint256(keccak256(OperatorKeyFixtures.publicKey(index)))));
    }

    function registerProvider(uint256 index) internal returns (address owner) {
        return registerProvider(index, GPU_MODEL, PROVIDER_GPUS, PROVIDER_VRAM, PROVIDER_STAKE);
    }

    function registerProvider(uint256 index, string memory model, uint32 gpus, uint32 vram, uint256 stake)
        internal
        returns (address owner)
    {
        owner = ownerOf(index);
        fund(owner, stake);
        vm.startPrank(owner);
        token.approve(address(registry), stake);
        registry.register(
            operatorOf(index),
            OperatorKeyFixtures.publicKey(index),
            operatorSignature(registry, index, owner),
            model,
            gpus,
            vram,
            META_CID,
            stake
        );
        vm.stopPrank();
    }

    /// @notice Operator key i's EIP-712 consent to serve `owner` on `target` (r || s || v).
    function operatorSignature(ProviderRegistry target, uint256 index, address owner)
        internal
        view
        returns (bytes memory)
    {
        return signDigest(OperatorKeyFixtures.privateKey(index), target.operatorBindingDigest(owner));
    }

    function signDigest(uint256 privateKey, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(privateKey, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice Schedules `next` as the admin, waits the delay and applies it (parameter changes are delayed).
    function changeMarketParameters(MarketParameters memory next) internal {
        vm.prank(admin);
        market.scheduleParameters(next);
        skipTime(marketContract.PARAMETER_DELAY());
        market.applyScheduledParameters();
    }

    function changeRegistryParameters(IProviderRegistry.RegistryParameters memory next) internal {
        vm.prank(admin);
        registry.scheduleParameters(next);
        skipTime(registry.PARAMETER_DELAY());
        registry.applyScheduledParameters();
    }

    function withProtocolFee(uint16 feeBps) internal view returns (MarketParameters memory next) {
        next = market.parameters();
        next.protocolFeeBps = feeBps;
    }

    function heartbeat(uint256 index) internal {
        vm.prank(operatorOf(index));
        registry.heartbeat();
    }

    function skipTime(uint256 seconds_) internal {
        vm.warp(block.timestamp + seconds_);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Orders
    // ------------------------------------------------------------------------------------------------------------

    function defaultRequest() internal pure returns (OrderRequest memory) {
        return OrderRequest({
            specCid: SPEC_CID,
            kind: OrderKind.Stateful,
            gpuModel: "",
            minVramGb: 0,
            gpusPerReplica: 1,
            replicas: 1,
            standbys: 2,
            maxPricePerSecond: PRICE,
            maxDuration: 1 days,
            bidWindow: 60,
            escrow: PRICE * 3600
        });
    }

    function createOrder(OrderRequest memory request) internal returns (uint256 orderId) {
        vm.startPrank(tenant);
        token.approve(address(market), request.escrow);
        orderId = market.createOrder(request);
        vm.stopPrank();
    }

    function offer(uint256 index, uint256 orderId, uint256 price) internal {
        vm.prank(operatorOf(index));
        market.placeOffer(orderId, price);
    }

    function finalize(uint256 orderId) internal returns (uint256 firstLeaseId) {
        vm.prank(tenant);
        (firstLeaseId,) = market.finalizeOrder(orderId);
    }

    function ack(uint256 index, uint256 leaseId) internal {
        uint32 epoch = market.getLease(leaseId).epoch;
        vm.prank(operatorOf(index));
        market.ackLease(leaseId, epoch);
    }

    function commit(uint256 index, uint256 leaseId, bytes memory checkpoint, uint64 step) internal {
        uint32 epoch = market.getLease(leaseId).epoch;
        vm.prank(operatorOf(index));
        market.commitCheckpoint(leaseId, epoch, checkpoint, step, 1024);
    }

    function reportOne(uint256 leaseId) internal {
        uint256[] memory list = new uint256[](1);
        list[0] = leaseId;
        vm.prank(verifier);
        market.reportMissedHeartbeat(list);
    }

    /// @notice Creates `request`; provider i + 1 (registered if needed) offers prices[i]. Not finalized.
    function orderWithOffers(OrderRequest memory request, uint256[] memory prices) internal returns (uint256 orderId) {
        orderId = createOrder(request);
        for (uint256 i = 0; i < prices.length; ++i) {
            if (!registry.isRegistered(ownerOf(i + 1))) registerProvider(i + 1);
            offer(i + 1, orderId, prices[i]);
        }
    }

    /// @notice One Stateful lease held by provider 1 (acknowledged), standbys providers 2 and 3, all at PRICE.
    function runningStatefulLease() internal returns (uint256 orderId, uint256 leaseId) {
        uint256[] memory prices = new uint256[](3);
        prices[0] = PRICE;
        prices[1] = PRICE;
        prices[2] = PRICE;
        orderId = orderWithOffers(defaultRequest(), prices);
        leaseId = finalize(orderId);
        ack(1, leaseId);
    }

    function cid(uint256 n) internal pure returns (bytes memory) {
        return abi.encodePacked(hex"01551220", keccak256(abi.encode("checkpoint", n)));
    }

    function ids(uint256 a) internal pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = a;
    }

    function ids(uint256 a, uint256 b) internal pure returns (uint256[] memory list) {
        list = new uint256[](2);
        list[0] = a;
        list[1] = b;
    }

    function prices3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory list) {
        list = new uint256[](3);
        list[0] = a;
        list[1] = b;
        list[2] = c;
    }
}
