// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "../utils/Vm.sol";
import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {IProviderRegistry} from "../../interfaces/IProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {ILeaseMarketTypes} from "../../interfaces/ILeaseMarketTypes.sol";
import {orderShape} from "./OrderShapes.t.sol";

/// @title Invariant-test handler: random but valid-looking market activity, with ghost checks after every action
/// @dev The invariant runner calls these functions with random arguments (and does not fail on reverts), so every
/// property that must be checked at the moment of an action is recorded in a `violation` string that the invariant
/// functions assert to be empty.
contract MarketHandler is ILeaseMarketTypes {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant MAX_ORDERS = 24;
    uint256 internal constant BPS = 10_000;

    DevToken public token;
    ProviderRegistry public registry;
    ILeaseMarket public market;
    address public verifier;
    address public treasuryAccount;
    address[] internal _owners;
    address[] internal _operators;
    address[] internal _tenants;

    // ghosts
    mapping(uint256 leaseId => uint32) public lastEpoch;
    mapping(uint256 leaseId => mapping(uint32 epoch => address)) public providerAtEpoch;
    string public epochViolation;
    string public providerViolation;
    string public cutoffViolation;
    string public slashViolation;
    string public unbondingViolation;
    string public exitViolation;
    mapping(bytes32 action => uint256) public successes;
    uint256 public downProvider = type(uint256).max;

    constructor(
        DevToken token_,
        ProviderRegistry registry_,
        ILeaseMarket market_,
        address[] memory owners_,
        address[] memory operators_,
        address[] memory tenants_,
        address verifier_,
        address treasury_
    ) {
        token = token_;
        registry = registry_;
        market = market_;
        _owners = owners_;
        _operators = operators_;
        _tenants = tenants_;
        verifier = verifier_;
        treasuryAccount = treasury_;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Accounts the invariants sum over
    // ------------------------------------------------------------------------------------------------------------

    function accounts() external view returns (address[] memory list) {
        list = new address[](_owners.length + _operators.length + _tenants.length + 2);
        uint256 n = 0;
        for (uint256 i = 0; i < _owners.length; ++i) list[n++] = _owners[i];
        for (uint256 i = 0; i < _operators.length; ++i) list[n++] = _operators[i];
        for (uint256 i = 0; i < _tenants.length; ++i) list[n++] = _tenants[i];
        list[n++] = verifier;
        list[n++] = treasuryAccount;
    }

    function owners() external view returns (address[] memory) {
        return _owners;
    }

    /// @notice A provider registered mid-run (OnboardingHandler) joins the honest market: it offers, heart-beats,
    /// unbonds and withdraws like the first ones, and the invariants sum its stake and balances. Not an action of the
    /// invariant runner (no target selector).
    function enlist(address owner, address operator) external {
        _owners.push(owner);
        _operators.push(operator);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Tenant actions
    // ------------------------------------------------------------------------------------------------------------

    function createOrder(uint256 tenantSeed, uint256 kindSeed, uint256 shapeSeed, uint256 priceSeed) external {
        if (market.orderCount() >= MAX_ORDERS) return;
        address tenant = _tenants[tenantSeed % _tenants.length];
        OrderRequest memory request =
            orderShape(hex"0155122001", kindSeed % 2 == 0 ? OrderKind.Stateful : OrderKind.Stateless, shapeSeed, priceSeed);
        vm.prank(tenant);
        try market.createOrder(request) {
            successes["createOrder"]++;
        } catch {}
    }

    function cancelOrder(uint256 orderSeed) external {
        if (orderSeed % 3 != 0) return; // tenants rarely cancel: keep most orders alive
        (bool found, uint256 orderId) = _orderIn(orderSeed, OrderState.Open);
        if (!found) return;
        vm.prank(market.getOrder(orderId).tenant);
        try market.cancelOrder(orderId) {
            successes["cancelOrder"]++;
        } catch {}
        _checkOrderLeases(orderId);
    }

    function finalize(uint256 orderSeed, bool byTenant) external {
        (bool found, uint256 orderId) = _orderIn(orderSeed, OrderState.Open);
        if (!found) return;
        vm.prank(byTenant ? market.getOrder(orderId).tenant : verifier);
        try market.finalizeOrder(orderId) {
            successes["finalize"]++;
        } catch {}
        _checkOrderLeases(orderId);
    }

    function topUp(uint256 leaseSeed, uint256 amountSeed) external {
        (bool found, uint256 leaseId) = _lease(leaseSeed);
        if (!found) return;
        address tenant = market.getOrder(market.getLease(leaseId).orderId).tenant;
        vm.prank(tenant);
        try market.topUp(leaseId, 1 + amountSeed % 1e18) {
            successes["topUp"]++;
        } catch {}
        _checkLease(leaseId);
    }

    function closeLease(uint256 leaseSeed) external {
        if (leaseSeed % 2 != 0) return; // tenants rarely close early
        (bool found, uint256 leaseId) = _lease(leaseSeed);
        if (!found) return;
        vm.prank(market.getOrder(market.getLease(leaseId).orderId).tenant);
        try market.closeLease(leaseId) {
            successes["closeLease"]++;
        } catch {}
        _checkLease(leaseId);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Provider actions
    // ------------------------------------------------------------------------------------------------------------

    function heartbeat(uint256 providerSeed) external {
        if (providerSeed % _operators.length == downProvider) return; // a down node stays down
        vm.prank(registry.operatorOf(_owners[providerSeed % _owners.length])); // operators may change
        registry.heartbeat();
        successes["heartbeat"]++;
    }

    /// @notice Every provider heart-beats except the one currently "down"; now and then another node goes down
    /// (or none is), so deaths last long enough to be reported.
    function heartbeatAll(uint256 seed) external {
        if (seed % 4 == 0) downProvider = (seed >> 8) % (_operators.length + 1); // == length: all up
        for (uint256 i = 0; i < _operators.length; ++i) {
            if (i == downProvider) continue;
            vm.prank(registry.operatorOf(_owners[i]));
            registry.heartbeat();
        }
        successes["heartbeatAll"]++;
    }

    /// @notice Up to three providers (from a random start) offer on an order whose bid window is open.
    function placeOffer(uint256 providerSeed, uint256 orderSeed, uint256 priceSeed) external {
        (bool found, uint256 orderId) = _biddableOrder(orderSeed);
        if (!found) return;
        uint256 maxPrice = market.getOrder(orderId).maxPricePerSecond;
        for (uint256 i = 0; i < 3; ++i) {
            vm.prank(registry.operatorOf(_owners[(providerSeed + i) % _owners.length]));
            try market.placeOffer(orderId, 1 + (priceSeed >> (8 * i)) % maxPrice) {
                successes["placeOffer"]++;
            } catch {}
        }
        _checkOrderLeases(orderId);
    }

    /// @notice The first provider (from a random start) that can take a reopened lease does.
    function offerReplacement(uint256 providerSeed, uint256 leaseSeed, uint256 priceSeed) external {
        (bool found, uint256 leaseId) = _leaseIn(leaseSeed, LeaseState.Reassigning);
        if (!found) return;
        uint256 maxPrice = market.getOrder(market.getLease(leaseId).orderId).maxPricePerSecond;
        for (uint256 i = 0; i < _operators.length; ++i) {
            vm.prank(registry.operatorOf(_owners[(providerSeed + i) % _owners.length]));
            try market.offerReplacement(leaseId, 1 + priceSeed % maxPrice) {
                successes["offerReplacement"]++;
                break;
            } catch {}
        }
        _checkLease(leaseId);
    }

    function ack(uint256 leaseSeed) external {
        (bool found, uint256 leaseId) = _leaseIn(leaseSeed, LeaseState.Assigned);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.provider == address(0)) return;
        if (!registry.isLive(lease.provider)) return; // a dead node does not acknowledge (start timeouts happen)
        vm.prank(registry.operatorOf(lease.provider));
        try market.ackLease(leaseId, lease.epoch) {
            successes["ack"]++;
        } catch {}
        _checkLease(leaseId);
    }

    function commit(uint256 leaseSeed, uint256 stepSeed) external {
        (bool found, uint256 leaseId) = _leaseIn(leaseSeed, LeaseState.Running);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.provider == address(0)) return;
        vm.prank(registry.operatorOf(lease.provider));
        try market.commitCheckpoint(
            leaseId, lease.epoch, abi.encodePacked(hex"01551220", stepSeed), lease.checkpointStep + 1 + uint64(stepSeed % 3), 1
        ) {
            successes["commit"]++;
        } catch {}
        _checkLease(leaseId);
    }

    function complete(uint256 leaseSeed) external {
        if (leaseSeed % 3 != 0) return; // jobs run a while before completing
        (bool found, uint256 leaseId) = _leaseIn(leaseSeed, LeaseState.Running);
        if ((leaseSeed >> 8) % 2 == 0) {
            // half the time a provider that went silent completes instead of being reported (issue 11 F2)
            (bool dead, uint256 deadId) = _deadLease(leaseSeed);
            if (dead && market.getLease(deadId).kind == OrderKind.Stateful) (found, leaseId) = (true, deadId);
        }
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.provider == address(0)) return;
        ExitCheck memory exit = _beforeExit(lease);
        vm.prank(registry.operatorOf(lease.provider));
        try market.completeLease(leaseId, lease.epoch, hex"0155122002") {
            successes["complete"]++;
            _afterExit(exit);
        } catch {}
        _checkLease(leaseId);
    }

    function release(uint256 leaseSeed, bool byOwner) external {
        if (leaseSeed % 4 != 0) return; // providers rarely hand leases back
        // half the time a provider that went silent tries to hand back before it is reported (issue 11 F1)
        (bool found, uint256 leaseId) = (leaseSeed >> 8) % 2 == 0
            ? _deadLease(leaseSeed)
            : _leaseIn(leaseSeed, leaseSeed % 3 == 0 ? LeaseState.Assigned : LeaseState.Running);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.provider == address(0)) return;
        ExitCheck memory exit = _beforeExit(lease);
        OrderTerms memory terms = market.getOrderTerms(lease.orderId);
        // releasing a reportable lease costs the full slash, like the report it pre-empts
        PenaltyCheck memory check =
            _beforePenalty(leaseId, lease, exit.reportable ? terms.slashBps : terms.minorSlashBps, false);
        vm.prank(byOwner ? lease.provider : registry.operatorOf(lease.provider));
        try market.releaseLease(leaseId, lease.epoch) {
            successes["release"]++;
            _afterPenalty(check);
            _afterExit(exit);
        } catch {}
        _checkLease(leaseId);
    }

    /// @notice The first standby of a finalized order (owners tried from a random start) leaves its queue.
    function leaveStandby(uint256 providerSeed, uint256 orderSeed) external {
        (bool found, uint256 orderId) = _orderIn(orderSeed, OrderState.Finalized);
        if (!found || providerSeed % 3 != 0) return; // standbys rarely leave
        for (uint256 i = 0; i < _owners.length; ++i) {
            vm.prank(_owners[(providerSeed + i) % _owners.length]);
            try market.leaveStandby(orderId) {
                successes["leaveStandby"]++;
                break;
            } catch {}
        }
        _checkOrderLeases(orderId);
    }

    function requestUnbond(uint256 providerSeed, uint256 amountSeed) external {
        address owner = _owners[providerSeed % _owners.length];
        uint256 free = registry.freeStake(owner);
        if (free == 0) return;
        vm.prank(owner);
        try registry.requestUnbond(1 + amountSeed % free) {
            successes["requestUnbond"]++;
        } catch {}
    }

    function withdrawUnbonded(uint256 providerSeed) external {
        vm.prank(_owners[providerSeed % _owners.length]);
        try registry.withdrawUnbonded() {
            successes["withdrawUnbonded"]++;
        } catch {}
    }

    function addStake(uint256 providerSeed, uint256 amountSeed) external {
        address owner = _owners[providerSeed % _owners.length];
        uint256 amount = 1 + amountSeed % 500 ether;
        if (token.balanceOf(owner) < amount) return;
        vm.prank(owner);
        registry.addStake(amount);
        successes["addStake"]++;
    }

    /// @notice Every jailed provider whose jail is over (from a random start) unjails.
    function unjail(uint256 providerSeed) external {
        for (uint256 i = 0; i < _owners.length; ++i) {
            address owner = _owners[(providerSeed + i) % _owners.length];
            if (!registry.isJailed(owner)) continue;
            vm.prank(owner);
            try registry.unjail() {
                successes["unjail"]++;
            } catch {}
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Anyone
    // ------------------------------------------------------------------------------------------------------------

    function advanceTime(uint256 secondsSeed) external {
        // mostly a few seconds (heartbeat scale); now and then a long pause (unbonding, jail, expiry scale)
        uint256 step = secondsSeed % 5 == 0 ? 30 + (secondsSeed >> 8) % 90 : 1 + (secondsSeed >> 8) % 8;
        vm.warp(block.timestamp + step);
        successes["advanceTime"]++;
    }

    /// @param unbondFirst the provider first tries to move all its free stake to unbonding (to dodge the slash)
    function reportMissedHeartbeat(uint256 leaseSeed, bool unbondFirst) external {
        (bool found, uint256 leaseId) = leaseSeed % 4 == 0 ? _leaseIn(leaseSeed, LeaseState.Running) : _deadLease(leaseSeed);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.state != LeaseState.Running) return;
        if (unbondFirst) _unbondAllFree(lease.provider);
        PenaltyCheck memory check =
            _beforePenalty(leaseId, lease, market.getOrderTerms(lease.orderId).slashBps, true);
        vm.prank(verifier);
        try market.reportMissedHeartbeat(_one(leaseId)) {
            successes["reportMissedHeartbeat"]++;
            _afterPenalty(check);
        } catch {}
        _checkLease(leaseId);
    }

    function reportStartTimeout(uint256 leaseSeed) external {
        (bool found, uint256 leaseId) = _leaseIn(leaseSeed, LeaseState.Assigned);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.state != LeaseState.Assigned) return;
        PenaltyCheck memory check =
            _beforePenalty(leaseId, lease, market.getOrderTerms(lease.orderId).minorSlashBps, false);
        vm.prank(verifier);
        try market.reportStartTimeout(leaseId) {
            successes["reportStartTimeout"]++;
            _afterPenalty(check);
        } catch {}
        _checkLease(leaseId);
    }

    function settle(uint256 leaseSeed) external {
        (bool found, uint256 leaseId) = _leaseIn(leaseSeed, LeaseState.Running);
        if (!found) return;
        try market.settleLeases(_one(leaseId)) {
            successes["settle"]++;
        } catch {}
        _checkLease(leaseId);
    }

    function closeDue(uint256 leaseSeed) external {
        // half the time the lease of a silent provider, closed by its owner (issue 11 F4)
        (bool found, uint256 leaseId) = leaseSeed % 2 == 0 ? _deadLease(leaseSeed) : _lease(leaseSeed);
        if (!found) return;
        LeaseInfo memory lease = market.getLease(leaseId);
        ExitCheck memory exit = _beforeExit(lease);
        // the provider's own owner closes at the worst moment for the tenant (expiry of a lease it went silent on)
        if (lease.provider != address(0)) vm.prank(lease.provider);
        try market.closeDueLease(leaseId) {
            successes["closeDue"]++;
            _afterExit(exit);
        } catch {}
        _checkLease(leaseId);
    }

    function withdraw(uint256 accountSeed) external {
        address[] memory all = this.accounts();
        address account = all[accountSeed % all.length];
        if (market.withdrawable(account) == 0) return;
        vm.prank(account);
        market.withdraw();
        successes["withdraw"]++;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Ghost checks
    // ------------------------------------------------------------------------------------------------------------

    /// @dev Whether the lease was reportable before a provider-side exit (release, complete, close at expiry), as
    /// the handler computes it from the order's terms, and what the provider held then.
    struct ExitCheck {
        bool reportable;
        address provider;
        uint256 holdingsBefore;
        uint256 expectedSlash;
    }

    function _beforeExit(LeaseInfo memory lease) private view returns (ExitCheck memory exit) {
        if (lease.state != LeaseState.Running || lease.provider == address(0)) return exit;
        OrderTerms memory terms = market.getOrderTerms(lease.orderId);
        uint256 beat = registry.lastHeartbeat(lease.provider);
        uint256 liveUntil = (beat > lease.startedAt ? beat : lease.startedAt) + terms.heartbeatTimeout;
        exit.reportable = block.timestamp > liveUntil && liveUntil < lease.endsAt;
        exit.provider = lease.provider;
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(lease.provider);
        exit.holdingsBefore = info.stake + info.unbondingStake;
        uint256 slash = market.getOrder(lease.orderId).stakePerPosition * terms.slashBps / BPS;
        exit.expectedSlash = slash < exit.holdingsBefore ? slash : exit.holdingsBefore;
    }

    /// @dev No provider exits a reportable lease without the fault's settlement: full slash and jail.
    function _afterExit(ExitCheck memory exit) private {
        if (!exit.reportable) return;
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(exit.provider);
        uint256 holdingsAfter = info.stake + info.unbondingStake;
        if (holdingsAfter + exit.expectedSlash > exit.holdingsBefore) {
            exitViolation = "a provider exited a reportable lease without the full slash";
        }
        if (!info.jailed) exitViolation = "a provider exited a reportable lease without being jailed";
    }

    struct PenaltyCheck {
        uint256 leaseId;
        address provider;
        uint256 price;
        uint256 settledBefore;
        uint256 cutoff;
        uint256 providerBalanceBefore;
        address treasury; // the treasury when the penalty is taken (a parameter change may replace it)
        uint256 treasuryBalanceBefore;
        uint256 holdingsBefore; // stake + unbonding
        uint256 expectedSlash;
        bool settles;
    }

    function _beforePenalty(uint256 leaseId, LeaseInfo memory lease, uint256 bps, bool faultCutoff)
        private
        view
        returns (PenaltyCheck memory check)
    {
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(lease.provider);
        uint256 stakePerPosition = market.getOrder(lease.orderId).stakePerPosition;
        check.leaseId = leaseId;
        check.provider = lease.provider;
        check.price = lease.pricePerSecond;
        check.settledBefore = lease.settledUntil;
        check.cutoff = faultCutoff || lease.state == LeaseState.Running ? _faultCutoff(lease) : lease.settledUntil;
        check.providerBalanceBefore = market.withdrawable(lease.provider);
        check.treasury = market.treasury();
        check.treasuryBalanceBefore = market.withdrawable(check.treasury);
        check.holdingsBefore = info.stake + info.unbondingStake;
        check.expectedSlash = stakePerPosition * bps / BPS;
        check.settles = lease.state == LeaseState.Running;
    }

    function _afterPenalty(PenaltyCheck memory check) private {
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(check.provider);
        uint256 holdingsAfter = info.stake + info.unbondingStake;
        if (holdingsAfter > check.holdingsBefore) {
            slashViolation = "provider holdings grew during a penalty";
            return;
        }
        uint256 slashed = check.holdingsBefore - holdingsAfter;
        if (slashed > check.holdingsBefore) slashViolation = "slash exceeded the provider's stake";
        uint256 expected = check.expectedSlash < check.holdingsBefore ? check.expectedSlash : check.holdingsBefore;
        if (slashed != expected) unbondingViolation = "slash differs from slashBps of the backing (unbonding dodged it?)";

        LeaseInfo memory lease = market.getLease(check.leaseId);
        uint256 settledAfter = lease.settledUntil;
        if (!check.settles) return;
        if (settledAfter > check.cutoff) cutoffViolation = "report/release settled past the fault cut-off";
        uint256 paid = (market.withdrawable(check.provider) - check.providerBalanceBefore)
            + (market.withdrawable(check.treasury) - check.treasuryBalanceBefore);
        if (settledAfter >= check.settledBefore && paid != (settledAfter - check.settledBefore) * check.price) {
            cutoffViolation = "paid amount differs from price * settled seconds";
        }
    }

    /// @dev After an action on a lease: its epoch never decreases, each (lease, epoch) has one provider, and a Running
    /// lease is never settled past its fault cut-off (so no later report can find it overpaid). Only actions on a
    /// lease can change these, so checking the touched leases is enough (and keeps long runs fast).
    function _checkLease(uint256 leaseId) private {
        LeaseInfo memory lease = market.getLease(leaseId);
        if (lease.epoch < lastEpoch[leaseId]) epochViolation = "a lease epoch decreased";
        lastEpoch[leaseId] = lease.epoch;
        if (lease.provider != address(0) && lease.state != LeaseState.Closed) {
            address recorded = providerAtEpoch[leaseId][lease.epoch];
            if (recorded == address(0)) providerAtEpoch[leaseId][lease.epoch] = lease.provider;
            else if (recorded != lease.provider) providerViolation = "two providers held one lease at one epoch";
        }
        if (lease.state == LeaseState.Running && lease.settledUntil > _faultCutoff(lease)) {
            cutoffViolation = "a running lease was paid past its cut-off";
        }
    }

    function _checkOrderLeases(uint256 orderId) private {
        OrderInfo memory order = market.getOrder(orderId);
        for (uint256 i = 0; i < order.leaseCount; ++i) {
            _checkLease(order.firstLeaseId + i);
        }
    }

    /// @dev The same cut-off the contract documents: Stateful = last checkpoint, Stateless = last heartbeat (or the
    /// start), never before the current provider's start, never past now or endsAt.
    function _faultCutoff(LeaseInfo memory lease) private view returns (uint256 cutoff) {
        if (lease.kind == OrderKind.Stateful) {
            cutoff = lease.checkpointAt;
        } else {
            uint256 beat = registry.lastHeartbeat(lease.provider);
            cutoff = beat > lease.startedAt ? beat : lease.startedAt;
        }
        if (cutoff < lease.settledUntil && cutoff < lease.startedAt) cutoff = lease.startedAt;
        if (cutoff > block.timestamp) cutoff = block.timestamp;
        if (cutoff > lease.endsAt) cutoff = lease.endsAt;
    }

    function _unbondAllFree(address provider) private {
        uint256 free = registry.freeStake(provider);
        if (free == 0) return;
        vm.prank(provider);
        try registry.requestUnbond(free) {
            successes["unbondBeforeReport"]++;
        } catch {}
    }

    function _order(uint256 seed) private view returns (bool, uint256) {
        uint256 count = market.orderCount();
        if (count == 0) return (false, 0);
        return (true, 1 + seed % count);
    }

    function _lease(uint256 seed) private view returns (bool, uint256) {
        uint256 count = market.leaseCount();
        if (count == 0) return (false, 0);
        return (true, 1 + seed % count);
    }

    /// @dev An order in `state`, searching from a random start.
    function _orderIn(uint256 seed, OrderState state) private view returns (bool, uint256) {
        uint256 count = market.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 orderId = 1 + (seed + i) % count;
            if (market.getOrder(orderId).state == state) return (true, orderId);
        }
        return (false, 0);
    }

    /// @dev An Open order whose bid window has not passed, searching from a random start.
    function _biddableOrder(uint256 seed) private view returns (bool, uint256) {
        uint256 count = market.orderCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 orderId = 1 + (seed + i) % count;
            OrderInfo memory order = market.getOrder(orderId);
            if (order.state == OrderState.Open && block.timestamp <= order.bidDeadline) return (true, orderId);
        }
        return (false, 0);
    }

    /// @dev A Running lease whose provider is past its heartbeat timeout, searching from a random start.
    function _deadLease(uint256 seed) private view returns (bool, uint256) {
        uint256 count = market.leaseCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 leaseId = 1 + (seed + i) % count;
            if (market.getLease(leaseId).state == LeaseState.Running && !market.isLeaseLive(leaseId)) {
                return (true, leaseId);
            }
        }
        return (false, 0);
    }

    /// @dev A lease in `state`, searching from a random start, so actions hit the leases they apply to.
    function _leaseIn(uint256 seed, LeaseState state) private view returns (bool, uint256) {
        uint256 count = market.leaseCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 leaseId = 1 + (seed + i) % count;
            if (market.getLease(leaseId).state == state) return (true, leaseId);
        }
        return (false, 0);
    }

    function _one(uint256 leaseId) private pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = leaseId;
    }
}
