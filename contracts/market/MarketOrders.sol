// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ILeaseMarket} from "../interfaces/ILeaseMarket.sol";
import {MarketBase} from "./MarketBase.sol";
import {OfferBook, OFFER_BOOK_SIZE} from "../libraries/OfferBook.sol";

/// @title Offers and finalize (the standby queue is built here)
abstract contract MarketOrders is ILeaseMarket, MarketBase {
    function placeOffer(uint256 orderId, uint256 pricePerSecond) external nonReentrant {
        OrderRecord storage order = _openOrder(orderId);
        if (block.timestamp > order.bidDeadline) revert BidWindowClosed(orderId, order.bidDeadline);
        _checkPrice(pricePerSecond, order.maxPricePerSecond);
        address provider = _lockEligible(orderId, order, msg.sender);

        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        uint256 count = order.offerCount;
        uint256 worstIndex = 0;
        uint256 worst = 0;
        for (uint256 i = 0; i < count; ++i) {
            uint256 entry = book[i];
            if (OfferBook.providerOf(entry) == provider) revert DuplicateOffer(orderId, provider);
            if (worst == 0 || OfferBook.ranksAfter(entry, worst)) {
                worst = entry;
                worstIndex = i;
            }
        }
        // The sequence only breaks price ties. It saturates instead of overflowing, so no number of offers can stop
        // the market (issue 11 F5); offers past 2^24 - 1 tie among themselves and rank by book index.
        uint256 sequence = order.offerSequence;
        if (sequence < OfferBook.MAX_SEQUENCE) order.offerSequence = uint24(sequence + 1);
        uint256 entryToStore = OfferBook.pack(provider, pricePerSecond, sequence);

        if (count < uint256(order.replicas) + order.standbys) {
            book[count] = entryToStore;
            order.offerCount = uint8(count + 1);
        } else {
            uint256 worstPrice = OfferBook.priceOf(worst);
            if (pricePerSecond >= worstPrice) revert OfferNotCompetitive(orderId, pricePerSecond, worstPrice);
            address evicted = OfferBook.providerOf(worst);
            book[worstIndex] = entryToStore;
            _unlock(evicted, order.stakePerPosition);
            emit OfferEvicted(orderId, evicted, worstPrice);
        }
        emit OfferPlaced(orderId, provider, pricePerSecond, uint32(sequence));
    }

    function finalizeOrder(uint256 orderId) external returns (uint256 firstLeaseId, uint256 created) {
        OrderRecord storage order = _openOrder(orderId);
        if (msg.sender != order.tenant && block.timestamp <= order.bidDeadline) {
            revert BidWindowOpen(orderId, order.bidDeadline);
        }
        if (order.offerCount == 0) revert NoOffers(orderId);
        (uint256[] memory entries, uint256[] memory ranked) = _rankEligibleOffers(orderId, order);
        uint256 count = ranked.length;
        if (count == 0) revert NoOffers(orderId);
        created = count < order.replicas ? count : order.replicas;
        firstLeaseId = _leaseCount + 1;
        _leaseCount += created;
        _createLeases(orderId, order, entries, ranked, firstLeaseId, created);

        address[] memory standbys = new address[](count - created);
        for (uint256 i = created; i < count; ++i) {
            standbys[i - created] = OfferBook.providerOf(entries[ranked[i]]);
        }
        order.state = OrderState.Finalized;
        order.leaseCount = uint8(created);
        order.openLeases = uint8(created);
        order.standbyCount = uint8(count - created);
        order.firstLeaseId = uint64(firstLeaseId);
        order.standbyQueue = OfferBook.packQueue(ranked, created);
        // the worst price the tenant accepted (a lease or a standby): a reopened lease is never re-let above it
        order.replacementPriceCap = uint72(OfferBook.priceOf(entries[ranked[count - 1]]));
        order.escrow = 0;
        emit OrderFinalized(orderId, firstLeaseId, uint8(created), standbys);
    }


    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------


    /// @dev The book's entries (by book index) and the book indices of offers whose provider is not jailed, best
    /// first. A provider jailed since it offered must not win a lease or a standby position: its offer is evicted
    /// (stake unlocked, entry cleared) here, once, at the moment the offers become positions.
    function _rankEligibleOffers(uint256 orderId, OrderRecord storage order)
        private
        returns (uint256[] memory entries, uint256[] memory ranked)
    {
        uint256 count = order.offerCount;
        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        entries = new uint256[](count);
        uint256[] memory kept = new uint256[](count);
        uint256 eligible = 0;
        for (uint256 i = 0; i < count; ++i) {
            uint256 entry = book[i];
            entries[i] = entry;
            address provider = OfferBook.providerOf(entry);
            if (_registry.isJailed(provider)) {
                book[i] = 0;
                _unlock(provider, order.stakePerPosition);
                emit OfferEvicted(orderId, provider, OfferBook.priceOf(entry));
            } else {
                kept[eligible++] = i;
            }
        }
        uint256[] memory keptEntries = new uint256[](eligible);
        for (uint256 i = 0; i < eligible; ++i) {
            keptEntries[i] = entries[kept[i]];
        }
        uint256[] memory byRank = OfferBook.rank(keptEntries);
        ranked = new uint256[](eligible);
        for (uint256 i = 0; i < eligible; ++i) {
            ranked[i] = kept[byRank[i]];
        }
    }

    function _createLeases(
        uint256 orderId,
        OrderRecord storage order,
        uint256[] memory entries,
        uint256[] memory ranked,
        uint256 firstLeaseId,
        uint256 created
    ) private {
        uint256 escrow = order.escrow;
        uint256 share = escrow / created;
        uint40 endsAt = uint40(block.timestamp + order.maxDuration);
        for (uint256 slot = 0; slot < created; ++slot) {
            uint256 leaseId = firstLeaseId + slot;
            LeaseRecord storage lease = _leases[leaseId];
            lease.kind = order.kind;
            lease.orderId = uint64(orderId);
            lease.slot = uint16(slot);
            lease.endsAt = endsAt;
            // the first lease also takes the rounding remainder, so no escrow is stranded in the order
            lease.escrow = uint128(slot == 0 ? escrow - share * (created - 1) : share);
            uint256 entry = entries[ranked[slot]];
            _assign(leaseId, lease, orderId, OfferBook.providerOf(entry), OfferBook.priceOf(entry));
        }
    }



}
