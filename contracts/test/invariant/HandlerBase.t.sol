// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "../utils/Vm.sol";
import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {ILeaseMarketTypes} from "../../interfaces/ILeaseMarketTypes.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";

/// @title What every attacking handler shares: the deployment, the ghosts and how to pick a lease
abstract contract HandlerBase is ILeaseMarketTypes {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant BPS = 10_000;
    uint256 internal constant OUTSIDERS = 3;

    DevToken public token;
    ProviderRegistry public registry;
    ILeaseMarket public market;
    AttackGhosts public ghosts;
    address[] internal _owners;

    constructor(DevToken token_, ProviderRegistry registry_, ILeaseMarket market_, AttackGhosts ghosts_, address[] memory owners_) {
        token = token_;
        registry = registry_;
        market = market_;
        ghosts = ghosts_;
        _owners = owners_;
    }

    /// @notice An address that has nothing to do with the market (one of a few, so balances can be summed).
    function outsider(uint256 seed) public pure returns (address) {
        return address(uint160(0x0075_1DE0 + seed % OUTSIDERS));
    }

    /// @notice The address a provider's owner controls besides its own: it reports the provider's leases for the fee.
    function accomplice(address owner) public pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode("accomplice", owner)))));
    }

    function _lease(uint256 seed) internal view returns (bool, uint256) {
        uint256 count = market.leaseCount();
        if (count == 0) return (false, 0);
        return (true, 1 + seed % count);
    }

    /// @dev A lease in `state`, searching from a random start.
    function _leaseIn(uint256 seed, LeaseState state) internal view returns (bool, uint256) {
        uint256 count = market.leaseCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 leaseId = 1 + (seed + i) % count;
            if (market.getLease(leaseId).state == state) return (true, leaseId);
        }
        return (false, 0);
    }

    /// @dev A lease that reportMissedHeartbeat would accept, searching from a random start.
    function _reportableLease(uint256 seed) internal view returns (bool, uint256) {
        uint256 count = market.leaseCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 leaseId = 1 + (seed + i) % count;
            if (_isReportable(market.getLease(leaseId))) return (true, leaseId);
        }
        return (false, 0);
    }

    /// @dev The handler's own reading of reportability (docs/protocol.md §5: silent past the order's heartbeat timeout, and
    /// the silence began before the lease's end), computed from the order's terms, not by asking the market.
    function _isReportable(LeaseInfo memory lease) internal view returns (bool) {
        if (lease.state != LeaseState.Running || lease.provider == address(0)) return false;
        uint256 beat = registry.lastHeartbeat(lease.provider);
        uint256 liveUntil =
            (beat > lease.startedAt ? beat : lease.startedAt) + market.getOrderTerms(lease.orderId).heartbeatTimeout;
        return block.timestamp > liveUntil && liveUntil < lease.endsAt;
    }

    /// @dev Stake plus unbonding entries: what a slash can take.
    function _holdings(address provider) internal view returns (uint256) {
        return registry.getProvider(provider).stake + registry.getProvider(provider).unbondingStake;
    }

    function _one(uint256 leaseId) internal pure returns (uint256[] memory list) {
        list = new uint256[](1);
        list[0] = leaseId;
    }
}
