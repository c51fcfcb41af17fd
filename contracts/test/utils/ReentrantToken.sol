// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Called by ReentrantToken on every balance change, like an ERC-777 / ERC-1363 receiver hook would be.
interface ITransferHook {
    function onTokenTransfer(address from, address to, uint256 value) external;
}

/// @title TEST ONLY: an ERC-20 that calls an attacker-chosen hook on every transfer (a malicious or hook-bearing
/// token), so tests can try to re-enter the registry and the market in the middle of their token movements.
contract ReentrantToken is ERC20 {
    ITransferHook public hook;

    constructor() ERC20("Reentrant", "REE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(ITransferHook newHook) external {
        hook = newHook;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (address(hook) != address(0) && from != address(0)) hook.onTokenTransfer(from, to, value);
    }
}
