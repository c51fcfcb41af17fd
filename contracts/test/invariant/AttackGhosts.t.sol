// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Ghost state shared by the attacking invariant handlers
/// @dev The attacking actors live in several handler contracts (each well under the 24 KiB code size limit, and each
/// a target of the invariant runner). They record here what the invariants assert: the first violation of each
/// property, how often each attack succeeded in what it tried, and the accounts and providers they brought in (finder's
/// fees of outsiders, accomplices and spare operator keys, a second treasury), which the conservation sums must include.
contract AttackGhosts {
    mapping(bytes32 property => string) public violation;
    mapping(bytes32 action => uint256) public successes;
    address[] internal _accounts;
    mapping(address account => bool) public isAccount;

    /// @notice Keeps the first violation of `property` (the earliest is the one worth reading).
    function fail(bytes32 property, string calldata what) external {
        if (bytes(violation[property]).length == 0) violation[property] = what;
    }

    function count(bytes32 action) external {
        successes[action]++;
    }

    /// @notice An account that may hold a withdrawable balance in the market, added once, and never one of the market
    /// handler's accounts (the conservation sum adds both lists).
    function addAccount(address account) external {
        if (isAccount[account]) return;
        isAccount[account] = true;
        _accounts.push(account);
    }

    function accounts() external view returns (address[] memory) {
        return _accounts;
    }
}
