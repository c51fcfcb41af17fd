// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Settlement arithmetic
/// @notice Pure per-second payment and basis-point split math, kept apart so it can be fuzzed on its own.
library Settlement {
    uint256 internal constant BPS = 10_000;

    /// @notice Payment for the whole seconds in [from, until) that `escrow` can cover at `pricePerSecond`.
    /// @return paidSeconds seconds paid (until - from, or fewer when the escrow runs out)
    /// @return gross paidSeconds * pricePerSecond, taken from the escrow
    /// @return fee the protocol's part of gross (rounded down); the provider receives gross - fee
    function pay(uint256 pricePerSecond, uint256 from, uint256 until, uint256 escrow, uint256 feeBps)
        internal
        pure
        returns (uint256 paidSeconds, uint256 gross, uint256 fee)
    {
        if (until <= from || pricePerSecond == 0) return (0, 0, 0);
        paidSeconds = until - from;
        uint256 affordable = escrow / pricePerSecond;
        if (paidSeconds > affordable) paidSeconds = affordable;
        gross = paidSeconds * pricePerSecond;
        fee = share(gross, feeBps);
    }

    /// @notice amount * bps / 10_000, rounded down.
    function share(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return amount * bps / BPS;
    }

    /// @notice Whether `escrow` cannot pay for every second in [from, until).
    function exceedsEscrow(uint256 pricePerSecond, uint256 from, uint256 until, uint256 escrow)
        internal
        pure
        returns (bool)
    {
        if (until <= from) return false;
        return (until - from) * pricePerSecond > escrow;
    }
}
