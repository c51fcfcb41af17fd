// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ILeaseMarket} from "../interfaces/ILeaseMarket.sol";
import {MarketBase} from "./MarketBase.sol";
import {OfferBook, OFFER_BOOK_SIZE} from "../libraries/OfferBook.sol";

/// @title Read-only views of orders, offers, standbys and leases (whole structs, so clients need few calls)
abstract contract MarketViews is ILeaseMarket, MarketBase {
    function parameters() external view returns (MarketParameters memory) {
        PackedParameters memory p = _parameters;
        return MarketParameters({
            treasury: _treasury,
            startDeadline: p.startDeadline,
            minPrepaidSeconds: p.minPrepaidSeconds,
            slashBps: p.slashBps,
            minorSlashBps: p.minorSlashBps,
            finderFeeBps: p.finderFeeBps,
            protocolFeeBps: p.protocolFeeBps
        });
    }

    function scheduledParameters() external view returns (MarketParameters memory next, uint64 effectiveAt) {
        return (_scheduled, _scheduledAt);
    }

    function getOrderTerms(uint256 orderId) external view returns (OrderTerms memory terms) {
        OrderRecord storage order = _orders[orderId];
        LeaseTerms memory snapshot = order.terms;
        terms.startDeadline = snapshot.startDeadline;
        terms.heartbeatTimeout = snapshot.heartbeatTimeout;
        terms.slashBps = snapshot.slashBps;
        terms.minorSlashBps = snapshot.minorSlashBps;
        terms.finderFeeBps = snapshot.finderFeeBps;
        terms.protocolFeeBps = snapshot.protocolFeeBps;
        terms.replacementPriceCap = order.replacementPriceCap;
    }

    function isExcluded(uint256 orderId, address provider) external view returns (bool) {
        return _excluded[orderId][provider];
    }

    function startDeadline() external view returns (uint64) {
        return _parameters.startDeadline;
    }

    function minPrepaidSeconds() external view returns (uint64) {
        return _parameters.minPrepaidSeconds;
    }

    function slashBps() external view returns (uint16) {
        return _parameters.slashBps;
    }

    function minorSlashBps() external view returns (uint16) {
        return _parameters.minorSlashBps;
    }

    function finderFeeBps() external view returns (uint16) {
        return _parameters.finderFeeBps;
    }

    function protocolFeeBps() external view returns (uint16) {
        return _parameters.protocolFeeBps;
    }

    function treasury() external view returns (address) {
        return _treasury;
    }

    function registry() external view returns (address) {
        return address(_registry);
    }

    function stakeToken() external view returns (address) {
        return address(_token);
    }

    function orderCount() external view returns (uint256) {
        return _orderCount;
    }

    function leaseCount() external view returns (uint256) {
        return _leaseCount;
    }

    function withdrawable(address account) external view returns (uint256) {
        return _withdrawable[account];
    }

    function getOrder(uint256 orderId) external view returns (OrderInfo memory info) {
        OrderRecord storage order = _orders[orderId];
        if (order.state == OrderState.None) return info;
        info.orderId = orderId;
        info.tenant = order.tenant;
        info.kind = order.kind;
        info.state = order.state;
        info.specCid = order.specCid;
        info.gpuModel = order.gpuModel;
        info.minVramGb = order.minVramGb;
        info.gpusPerReplica = order.gpusPerReplica;
        info.replicas = order.replicas;
        info.standbys = order.standbys;
        info.maxPricePerSecond = order.maxPricePerSecond;
        info.maxDuration = order.maxDuration;
        info.bidWindow = order.bidWindow;
        info.createdAt = order.createdAt;
        info.bidDeadline = order.bidDeadline;
        info.escrow = order.escrow;
        info.stakePerPosition = order.stakePerPosition;
        info.offerCount = order.offerCount;
        info.firstLeaseId = order.firstLeaseId;
        info.leaseCount = order.leaseCount;
        info.openLeases = order.openLeases;
        info.standbysRemaining = uint8(_remainingStandbys(orderId, order).length);
    }

    function getOffers(uint256 orderId) external view returns (OfferInfo[] memory offers) {
        OrderRecord storage order = _orders[orderId];
        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        offers = new OfferInfo[](order.offerCount);
        uint256 found = 0;
        for (uint256 i = 0; i < offers.length; ++i) {
            uint256 entry = book[i];
            if (entry == 0) continue; // evicted at finalize (jailed provider) or a standby that left
            offers[found++] = OfferInfo({
                provider: OfferBook.providerOf(entry),
                pricePerSecond: OfferBook.priceOf(entry),
                sequence: uint32(OfferBook.sequenceOf(entry))
            });
        }
        // shrink to the entries still present
        assembly ("memory-safe") {
            mstore(offers, found)
        }
    }

    function getStandbys(uint256 orderId) external view returns (StandbyInfo[] memory standbys) {
        OrderRecord storage order = _orders[orderId];
        uint256[] memory entries = _remainingStandbys(orderId, order);
        standbys = new StandbyInfo[](entries.length);
        for (uint256 i = 0; i < entries.length; ++i) {
            standbys[i] = StandbyInfo({
                provider: OfferBook.providerOf(entries[i]),
                pricePerSecond: OfferBook.priceOf(entries[i])
            });
        }
    }

    function getLease(uint256 leaseId) public view returns (LeaseInfo memory info) {
        LeaseRecord storage lease = _leases[leaseId];
        if (lease.state == LeaseState.None) return info;
        info.leaseId = leaseId;
        info.orderId = lease.orderId;
        info.slot = lease.slot;
        info.kind = lease.kind;
        info.state = lease.state;
        info.provider = lease.provider;
        info.epoch = lease.epoch;
        info.pricePerSecond = lease.pricePerSecond;
        info.assignedAt = lease.assignedAt;
        if (lease.state == LeaseState.Assigned) {
            info.ackDeadline = lease.assignedAt + _orders[lease.orderId].terms.startDeadline;
        }
        info.startedAt = lease.startedAt;
        info.settledUntil = lease.settledUntil;
        info.endsAt = lease.endsAt;
        info.reassignDeadline = lease.reassignDeadline;
        info.escrow = lease.escrow;
        info.checkpointDigest = lease.checkpointDigest;
        info.checkpointStep = lease.checkpointStep;
        info.checkpointAt = lease.checkpointAt;
        info.closeReason = lease.closeReason;
    }

    function getOrderLeases(uint256 orderId) external view returns (LeaseInfo[] memory leases) {
        OrderRecord storage order = _orders[orderId];
        leases = new LeaseInfo[](order.leaseCount);
        for (uint256 i = 0; i < leases.length; ++i) {
            leases[i] = getLease(order.firstLeaseId + i);
        }
    }

    function isLeaseLive(uint256 leaseId) external view returns (bool) {
        LeaseRecord storage lease = _leases[leaseId];
        return lease.state == LeaseState.Running && block.timestamp <= _liveUntil(lease);
    }

    function settleableOf(uint256 leaseId) external view returns (uint256 amount, uint64 until) {
        LeaseRecord storage lease = _leases[leaseId];
        if (lease.state != LeaseState.Running) return (0, lease.settledUntil);
        uint256 cutoff = _faultCutoff(lease);
        uint256 price = lease.pricePerSecond;
        uint256 from = lease.settledUntil;
        if (cutoff <= from) return (0, uint64(from));
        uint256 paidSeconds = cutoff - from;
        uint256 affordable = lease.escrow / price;
        if (paidSeconds > affordable) paidSeconds = affordable;
        return (paidSeconds * price, uint64(from + paidSeconds));
    }
}
