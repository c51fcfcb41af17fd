// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Vm} from "./Vm.sol";

/// @title Minimal test base: cheatcodes, assertions that revert with both values, bound(), invariant targets
/// @dev Hardhat 3 runs Foundry-style Solidity tests; a test fails when it reverts. The invariant runner reads the
/// target lists through the same getters forge-std's StdInvariant exposes.
abstract contract TestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetContracts;
    FuzzSelector[] private _targetSelectors;
    address[] private _targetSenders;

    // ------------------------------------------------------------------------------------------------------------
    // Assertions
    // ------------------------------------------------------------------------------------------------------------

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert(string.concat(what, ": expected true"));
    }

    function assertFalse(bool condition, string memory what) internal pure {
        if (condition) revert(string.concat(what, ": expected false"));
    }

    function assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        if (actual != expected) {
            revert(string.concat(what, ": ", Strings.toString(actual), " != expected ", Strings.toString(expected)));
        }
    }

    function assertEq(address actual, address expected, string memory what) internal pure {
        if (actual != expected) {
            revert(
                string.concat(what, ": ", Strings.toHexString(actual), " != expected ", Strings.toHexString(expected))
            );
        }
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory what) internal pure {
        if (actual != expected) {
            revert(
                string.concat(
                    what,
                    ": ",
                    Strings.toHexString(uint256(actual), 32),
                    " != expected ",
                    Strings.toHexString(uint256(expected), 32)
                )
            );
        }
    }

    function assertEq(bytes memory actual, bytes memory expected, string memory what) internal pure {
        if (keccak256(actual) != keccak256(expected)) revert(string.concat(what, ": bytes differ"));
    }

    function assertEq(string memory actual, string memory expected, string memory what) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) {
            revert(string.concat(what, ": '", actual, "' != expected '", expected, "'"));
        }
    }

    function assertEq(bool actual, bool expected, string memory what) internal pure {
        if (actual != expected) revert(string.concat(what, ": bool differs"));
    }

    function assertLe(uint256 a, uint256 b, string memory what) internal pure {
        if (a > b) revert(string.concat(what, ": ", Strings.toString(a), " > ", Strings.toString(b)));
    }

    function assertGe(uint256 a, uint256 b, string memory what) internal pure {
        if (a < b) revert(string.concat(what, ": ", Strings.toString(a), " < ", Strings.toString(b)));
    }

    function assertLt(uint256 a, uint256 b, string memory what) internal pure {
        if (a >= b) revert(string.concat(what, ": ", Strings.toString(a), " >= ", Strings.toString(b)));
    }

    function assertGt(uint256 a, uint256 b, string memory what) internal pure {
        if (a <= b) revert(string.concat(what, ": ", Strings.toString(a), " <= ", Strings.toString(b)));
    }

    /// @notice Maps any x into [min, max] (uniformly enough for fuzzing), like forge-std's bound.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (min == 0 && max == type(uint256).max) return x;
        return min + (x % (max - min + 1));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Invariant targets (read by the invariant runner)
    // ------------------------------------------------------------------------------------------------------------

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }

    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }

    function excludeContracts() public pure returns (address[] memory) {
        return new address[](0);
    }

    function excludeSenders() public pure returns (address[] memory) {
        return new address[](0);
    }
}
