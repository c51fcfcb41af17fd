// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {IProviderRegistry} from "../../interfaces/IProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";
import {HandlerBase} from "./HandlerBase.t.sol";

/// @title Invariant-test actors that change parameters while leases run, and try to change them without the delay
/// @dev Changes are scheduled by the parameter admin and applied once PARAMETER_DELAY (2 days) has passed: applying
/// warps there, so every lease alive at that moment meets the new parameters (and a long silence) mid-lease. Existing
/// orders keep the terms they were created with; fees follow whichever treasury is current when they are credited.
contract ParameterHandler is HandlerBase {
    address public admin;
    address public secondTreasury;

    constructor(
        DevToken token_,
        ProviderRegistry registry_,
        ILeaseMarket market_,
        AttackGhosts ghosts_,
        address[] memory owners_,
        address admin_
    ) HandlerBase(token_, registry_, market_, ghosts_, owners_) {
        admin = admin_;
        secondTreasury = address(0x7EA52);
        ghosts_.addAccount(secondTreasury);
    }

    /// @notice The admin schedules new market terms (fees, slashes, deadlines, the treasury) for orders created later.
    function scheduleMarketParameters(uint256 seed) external {
        MarketParameters memory next = MarketParameters({
            startDeadline: uint64(10 + seed % 50),
            minPrepaidSeconds: uint64(1 + (seed >> 8) % 60),
            slashBps: uint16(1 + (seed >> 16) % 5000),
            minorSlashBps: uint16((seed >> 32) % 5001),
            finderFeeBps: uint16((seed >> 48) % 5001),
            protocolFeeBps: uint16((seed >> 64) % 1001),
            treasury: (seed >> 80) % 2 == 0 ? market.treasury() : secondTreasury
        });
        vm.prank(admin);
        market.scheduleParameters(next);
        ghosts.count("scheduleMarket");
    }

    /// @notice The admin schedules new registry parameters (stake per GPU, unbonding, jail, heartbeat timing).
    function scheduleRegistryParameters(uint256 seed) external {
        uint64 interval = uint64(1 + seed % 3);
        IProviderRegistry.RegistryParameters memory next = IProviderRegistry.RegistryParameters({
            minStakePerGpu: 50 ether + (seed >> 8) % 150 ether,
            unbondingPeriod: uint64(60 + (seed >> 80) % 120),
            jailPeriod: uint64(60 + (seed >> 96) % 120),
            heartbeatInterval: interval,
            heartbeatTimeout: uint64(2 * interval + (seed >> 112) % 8)
        });
        vm.prank(admin);
        registry.scheduleParameters(next);
        ghosts.count("scheduleRegistry");
    }

    /// @notice Waits for the scheduled changes (mid-lease) and applies them; existing orders' terms must not move.
    function applyScheduled(uint256 orderSeed) external {
        if (orderSeed % 4 != 0) return; // a two-day wait ends every lease alive: not too often
        (MarketParameters memory nextMarket, uint64 marketAt) = market.scheduledParameters();
        (IProviderRegistry.RegistryParameters memory nextRegistry, uint64 registryAt) = registry.scheduledParameters();
        if (marketAt == 0 && registryAt == 0) return;
        uint256 orderCount = market.orderCount();
        uint256 orderId = orderCount == 0 ? 0 : 1 + orderSeed % orderCount;
        bytes32 termsBefore = orderId == 0 ? bytes32(0) : keccak256(abi.encode(market.getOrderTerms(orderId)));

        uint256 at = marketAt > registryAt ? marketAt : registryAt;
        if (block.timestamp < at) vm.warp(at);
        if (marketAt != 0) {
            market.applyScheduledParameters();
            if (keccak256(abi.encode(market.parameters())) != keccak256(abi.encode(nextMarket))) {
                ghosts.fail("parameters", "applied market parameters differ from the scheduled ones");
            }
        }
        if (registryAt != 0) {
            registry.applyScheduledParameters();
            if (keccak256(abi.encode(registry.parameters())) != keccak256(abi.encode(nextRegistry))) {
                ghosts.fail("parameters", "applied registry parameters differ from the scheduled ones");
            }
        }
        if (orderId != 0 && keccak256(abi.encode(market.getOrderTerms(orderId))) != termsBefore) {
            ghosts.fail("parameters", "a parameter change altered an existing order's terms");
        }
        ghosts.count("applyScheduled");
    }

    /// @notice The admin changes its mind.
    function cancelScheduled(bool marketSide) external {
        vm.prank(admin);
        if (marketSide) {
            try market.cancelScheduledParameters() {
                ghosts.count("cancelScheduled");
            } catch {}
        } else {
            try registry.cancelScheduledParameters() {
                ghosts.count("cancelScheduled");
            } catch {}
        }
    }

    /// @notice Someone without the parameter role (a provider, the tenant-side outsider, an accomplice) schedules,
    /// cancels or applies early: all must fail and leave the schedule as it was.
    function scheduleWithoutTheRole(uint256 seed) external {
        address caller = seed % 2 == 0 ? _owners[(seed >> 8) % _owners.length] : outsider(seed >> 8);
        (, uint64 marketAt) = market.scheduledParameters();
        (, uint64 registryAt) = registry.scheduledParameters();
        uint256 kind = (seed >> 16) % 4;
        bool ok;
        vm.prank(caller);
        if (kind == 0) (ok,) = address(market).call(abi.encodeCall(ILeaseMarket.scheduleParameters, (market.parameters())));
        else if (kind == 1) (ok,) = address(registry).call(abi.encodeCall(registry.scheduleParameters, (registry.parameters())));
        else if (kind == 2) (ok,) = address(market).call(abi.encodeCall(ILeaseMarket.cancelScheduledParameters, ()));
        else (ok,) = address(registry).call(abi.encodeCall(registry.cancelScheduledParameters, ()));
        if (ok) ghosts.fail("parameters", "someone without the parameter role changed the schedule");
        (, uint64 marketAfter) = market.scheduledParameters();
        (, uint64 registryAfter) = registry.scheduledParameters();
        if (marketAfter != marketAt || registryAfter != registryAt) {
            ghosts.fail("parameters", "a refused schedule change moved the schedule");
        }
        ghosts.count("scheduleWithoutTheRole");
    }

    /// @notice Anyone applies a scheduled change before its time: refused.
    function applyEarly(bool marketSide) external {
        uint64 at = marketSide ? _marketAt() : _registryAt();
        if (at == 0 || block.timestamp >= at) return;
        bool ok;
        if (marketSide) (ok,) = address(market).call(abi.encodeCall(ILeaseMarket.applyScheduledParameters, ()));
        else (ok,) = address(registry).call(abi.encodeCall(registry.applyScheduledParameters, ()));
        if (ok) ghosts.fail("parameters", "a parameter change was applied before its delay");
        else ghosts.count("applyEarlyRefused");
    }

    function _marketAt() private view returns (uint64 at) {
        (, at) = market.scheduledParameters();
    }

    function _registryAt() private view returns (uint64 at) {
        (, at) = registry.scheduledParameters();
    }
}
