// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "../utils/Vm.sol";
import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {IProviderRegistry} from "../../interfaces/IProviderRegistry.sol";

/// @title Invariant-test handler that is the market of its own registry, so it can slash any amount
/// @dev Through the real market a slash never exceeds the bonded stake (stake >= locked >= the position's backing), so
/// the unbonding-entry path of slash() is unreachable there (issue 20 §1). This handler locks, unlocks and slashes
/// directly: providers move stake into unbonding (often all of it, just before a slash) and slashes up to their whole
/// holdings, so the invariant "unbonding cannot dodge a slash" is exercised where it can fail.
contract RegistryHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    ProviderRegistry public registryContract;
    DevToken public token;
    address[] internal _owners;
    address[] internal _operators;

    string public slashViolation;
    string public orderViolation;
    uint256 public slashesIntoUnbonding;
    mapping(bytes32 action => uint256) public successes;

    constructor(DevToken token_, ProviderRegistry registry_) {
        token = token_;
        registryContract = registry_;
    }

    /// @notice What ProviderRegistry.bindMarket asks the market it binds.
    function registry() external view returns (address) {
        return address(registryContract);
    }

    function addProvider(address owner, address operator) external {
        _owners.push(owner);
        _operators.push(operator);
    }

    function owners() external view returns (address[] memory) {
        return _owners;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Actions
    // ------------------------------------------------------------------------------------------------------------

    function lock(uint256 providerSeed, uint256 amountSeed) external {
        uint256 index = providerSeed % _owners.length;
        uint256 free = registryContract.freeStake(_owners[index]);
        if (free == 0) return;
        try registryContract.lockStake(_operators[index], 1 + amountSeed % free) {
            successes["lock"]++;
        } catch {}
    }

    function unlock(uint256 providerSeed, uint256 amountSeed) external {
        address owner = _owners[providerSeed % _owners.length];
        uint256 locked = registryContract.getProvider(owner).lockedStake;
        if (locked == 0) return;
        registryContract.unlockStake(owner, 1 + amountSeed % locked);
        successes["unlock"]++;
    }

    function requestUnbond(uint256 providerSeed, uint256 amountSeed) external {
        address owner = _owners[providerSeed % _owners.length];
        uint256 free = registryContract.freeStake(owner);
        if (free == 0) return;
        vm.prank(owner);
        try registryContract.requestUnbond(1 + amountSeed % free) {
            successes["requestUnbond"]++;
        } catch {}
    }

    function withdrawUnbonded(uint256 providerSeed) external {
        vm.prank(_owners[providerSeed % _owners.length]);
        try registryContract.withdrawUnbonded() {
            successes["withdrawUnbonded"]++;
        } catch {}
    }

    function advanceTime(uint256 secondsSeed) external {
        vm.warp(block.timestamp + 1 + secondsSeed % 40);
    }

    /// @param unbondFirst the provider moves all its free stake to unbonding right before the slash (the dodge)
    function slash(uint256 providerSeed, uint256 amountSeed, bool unbondFirst) external {
        address owner = _owners[providerSeed % _owners.length];
        if (unbondFirst) {
            uint256 free = registryContract.freeStake(owner);
            vm.prank(owner);
            if (free != 0) try registryContract.requestUnbond(free) {} catch {}
        }
        IProviderRegistry.ProviderInfo memory before = registryContract.getProvider(owner);
        IProviderRegistry.UnbondingEntry[] memory queue = registryContract.getUnbonding(owner);
        uint256 holdings = before.stake + before.unbondingStake;
        if (holdings == 0) return;
        uint256 amount = 1 + amountSeed % (holdings + holdings / 4); // sometimes more than the provider holds
        uint256 slashed = registryContract.slash(owner, amount);
        successes["slash"]++;

        uint256 expected = amount < holdings ? amount : holdings;
        if (slashed != expected) slashViolation = "slashed differs from min(amount, stake + unbonding)";
        IProviderRegistry.ProviderInfo memory after_ = registryContract.getProvider(owner);
        if (after_.stake + after_.unbondingStake + slashed != holdings) slashViolation = "holdings do not drop by the slash";
        if (amount > before.stake) {
            slashesIntoUnbonding++;
            if (after_.stake != 0) slashViolation = "unbonding was slashed while bonded stake was left";
            _checkNewestFirst(owner, queue, amount - before.stake);
        }
    }

    /// @dev The part beyond the bonded stake is taken from the newest unbonding entries first: the entries left are a
    /// prefix of the old queue, the last of them possibly reduced.
    function _checkNewestFirst(address owner, IProviderRegistry.UnbondingEntry[] memory queue, uint256 wanted) private {
        IProviderRegistry.UnbondingEntry[] memory left = registryContract.getUnbonding(owner);
        uint256 remaining = wanted;
        uint256 kept = queue.length;
        while (kept > 0 && remaining >= queue[kept - 1].amount) {
            remaining -= queue[kept - 1].amount;
            --kept;
        }
        if (left.length != kept) {
            orderViolation = "unbonding entries were not taken newest first";
            return;
        }
        for (uint256 i = 0; i < left.length; ++i) {
            uint256 expectedAmount = i + 1 == kept && remaining != 0 ? queue[i].amount - remaining : queue[i].amount;
            if (left[i].amount != expectedAmount || left[i].releaseAt != queue[i].releaseAt) {
                orderViolation = "unbonding entries were not taken newest first";
            }
        }
    }
}
