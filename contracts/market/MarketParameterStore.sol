// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ILeaseMarketTypes} from "../interfaces/ILeaseMarketTypes.sol";

/// @title Market parameters: storage, bounds, the change delay and change events (the getters are in MarketViews)
/// @dev A change is scheduled (bounds checked then), waits PARAMETER_DELAY, and is applied by anyone; each applied
/// value emits ParameterUpdated with the getter's name. Orders snapshot the economic parameters when they are
/// created (MarketStorage.LeaseTerms), so a change never reaches an existing lease. The numeric parameters share
/// one storage word.
abstract contract MarketParameterStore is ILeaseMarketTypes {
    uint64 public constant START_DEADLINE_MIN = 10;
    uint64 public constant START_DEADLINE_MAX = 1 days;
    uint64 public constant MIN_PREPAID_MAX = 30 days;
    uint16 public constant SLASH_BPS_MAX = 5000;
    uint16 public constant FINDER_FEE_BPS_MAX = 5000;
    uint16 public constant PROTOCOL_FEE_BPS_MAX = 1000;
    /// @notice Time between scheduling a parameter change and the earliest moment it can be applied.
    uint64 public constant PARAMETER_DELAY = 2 days;

    struct PackedParameters {
        uint32 startDeadline;
        uint32 minPrepaidSeconds;
        uint16 slashBps;
        uint16 minorSlashBps;
        uint16 finderFeeBps;
        uint16 protocolFeeBps;
    }

    PackedParameters internal _parameters;
    address internal _treasury;
    MarketParameters internal _scheduled;
    uint64 internal _scheduledAt; // earliest apply time of _scheduled; 0 = nothing scheduled

    function _initializeParameters(MarketParameters memory initial) internal {
        _checkParameters(initial);
        _storeParameters(initial);
    }

    function _scheduleParameters(MarketParameters calldata next) internal {
        _checkParameters(next);
        uint64 effectiveAt = uint64(block.timestamp) + PARAMETER_DELAY;
        _scheduled = next;
        _scheduledAt = effectiveAt;
        emit MarketParametersScheduled(next, effectiveAt);
    }

    function _cancelScheduledParameters() internal {
        uint64 effectiveAt = _scheduledAt;
        if (effectiveAt == 0) revert NoScheduledParameters();
        delete _scheduled;
        _scheduledAt = 0;
        emit ScheduledParametersCancelled(effectiveAt);
    }

    function _applyScheduledParameters() internal {
        uint64 effectiveAt = _scheduledAt;
        if (effectiveAt == 0) revert NoScheduledParameters();
        if (block.timestamp < effectiveAt) revert ParametersNotYetEffective(effectiveAt);
        MarketParameters memory next = _scheduled;
        delete _scheduled;
        _scheduledAt = 0;
        _storeParameters(next);
    }

    function _checkParameters(MarketParameters memory p) private pure {
        _checkRange("startDeadline", p.startDeadline, START_DEADLINE_MIN, START_DEADLINE_MAX);
        _checkRange("minPrepaidSeconds", p.minPrepaidSeconds, 1, MIN_PREPAID_MAX);
        _checkRange("slashBps", p.slashBps, 1, SLASH_BPS_MAX);
        _checkRange("minorSlashBps", p.minorSlashBps, 0, SLASH_BPS_MAX);
        _checkRange("finderFeeBps", p.finderFeeBps, 0, FINDER_FEE_BPS_MAX);
        _checkRange("protocolFeeBps", p.protocolFeeBps, 0, PROTOCOL_FEE_BPS_MAX);
        if (p.treasury == address(0)) revert ZeroAddress("treasury");
    }

    function _storeParameters(MarketParameters memory p) private {
        PackedParameters memory old = _parameters;
        emit ParameterUpdated("startDeadline", old.startDeadline, p.startDeadline);
        emit ParameterUpdated("minPrepaidSeconds", old.minPrepaidSeconds, p.minPrepaidSeconds);
        emit ParameterUpdated("slashBps", old.slashBps, p.slashBps);
        emit ParameterUpdated("minorSlashBps", old.minorSlashBps, p.minorSlashBps);
        emit ParameterUpdated("finderFeeBps", old.finderFeeBps, p.finderFeeBps);
        emit ParameterUpdated("protocolFeeBps", old.protocolFeeBps, p.protocolFeeBps);
        emit TreasuryUpdated(_treasury, p.treasury);
        _parameters = PackedParameters({
            startDeadline: uint32(p.startDeadline),
            minPrepaidSeconds: uint32(p.minPrepaidSeconds),
            slashBps: p.slashBps,
            minorSlashBps: p.minorSlashBps,
            finderFeeBps: p.finderFeeBps,
            protocolFeeBps: p.protocolFeeBps
        });
        _treasury = p.treasury;
    }

    function _checkRange(bytes32 name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfRange(name, value, min, max);
    }
}
