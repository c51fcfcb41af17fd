// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @dev Capacity of an order's offer book: replicas + standbys <= 16 (4-bit indices in the standby queue).
uint256 constant OFFER_BOOK_SIZE = 16;

/// @title Offer book entries and the packed standby queue
/// @notice An order keeps at most `replicas + standbys` (<= 16) offers: one storage word each,
/// provider (bits 0..159) | pricePerSecond (bits 160..231) | sequence (bits 232..255). A better offer evicts the
/// worst when the book is full, so finalize reads a bounded book. The standby queue is a list of 4-bit book indices
/// packed into a uint64, so finalize writes no extra slot per standby.
library OfferBook {
    uint256 internal constant MAX_POSITIONS = OFFER_BOOK_SIZE;
    uint256 private constant PRICE_SHIFT = 160;
    uint256 private constant SEQUENCE_SHIFT = 232;
    uint256 private constant PRICE_MASK = (1 << 72) - 1;
    /// @notice Highest price an entry holds (the market caps maxPricePerSecond here).
    uint256 internal constant MAX_PRICE = (1 << 72) - 1;
    /// @notice Highest sequence an entry holds; later offers of the order keep it (ties among them go by book index).
    uint256 internal constant MAX_SEQUENCE = (1 << 24) - 1;

    function pack(address provider, uint256 pricePerSecond, uint256 sequence) internal pure returns (uint256) {
        return uint256(uint160(provider)) | (pricePerSecond << PRICE_SHIFT) | (sequence << SEQUENCE_SHIFT);
    }

    function providerOf(uint256 entry) internal pure returns (address) {
        return address(uint160(entry));
    }

    function priceOf(uint256 entry) internal pure returns (uint256) {
        return (entry >> PRICE_SHIFT) & PRICE_MASK;
    }

    function sequenceOf(uint256 entry) internal pure returns (uint256) {
        return entry >> SEQUENCE_SHIFT;
    }

    /// @notice Whether `a` ranks after `b`: higher price, or equal price and later sequence.
    function ranksAfter(uint256 a, uint256 b) internal pure returns (bool) {
        uint256 priceA = priceOf(a);
        uint256 priceB = priceOf(b);
        return priceA > priceB || (priceA == priceB && sequenceOf(a) > sequenceOf(b));
    }

    /// @notice Book indices ordered best first (cheapest, then earliest). Insertion sort: n <= 16.
    function rank(uint256[] memory entries) internal pure returns (uint256[] memory order) {
        uint256 n = entries.length;
        order = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            uint256 j = i;
            while (j > 0 && ranksAfter(entries[order[j - 1]], entries[i])) {
                order[j] = order[j - 1];
                --j;
            }
            order[j] = i;
        }
    }

    /// @notice The book index at `position` of a packed standby queue.
    function queueAt(uint64 queue, uint256 position) internal pure returns (uint256) {
        return (queue >> (4 * position)) & 0xF;
    }

    /// @notice Packs `indices[from..]` into a standby queue (position 0 in the low nibble).
    function packQueue(uint256[] memory indices, uint256 from) internal pure returns (uint64 queue) {
        for (uint256 i = from; i < indices.length; ++i) {
            queue |= uint64(indices[i] << (4 * (i - from)));
        }
    }
}
