// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ILeaseMarketTypes} from "../interfaces/ILeaseMarketTypes.sol";

/// @title Market parameters: storage, bounds and change events (the getters are in MarketViews)
/// @dev Every setter checks its bounds (ParameterOutOfRange) and emits ParameterUpdated with the getter's name.
/// The numeric parameters share one storage word so a report or settlement reads them with one SLOAD.
abstract contract MarketParameterStore is ILeaseMarketTypes {
    uint64 public constant START_DEADLINE_MIN = 10;
    uint64 public constant START_DEADLINE_MAX = 1 days;
    uint64 public constant MIN_PREPAID_MAX = 30 days;
    uint16 public constant SLASH_BPS_MAX = 5000;
    uint16 public constant FINDER_FEE_BPS_MAX = 5000;
    uint16 public constant PROTOCOL_FEE_BPS_MAX = 1000;

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

    function _initializeParameters(MarketParameters memory initial) internal {
        _setStartDeadline(initial.startDeadline);
        _setMinPrepaidSeconds(initial.minPrepaidSeconds);
        _setSlashBps(initial.slashBps);
        _setMinorSlashBps(initial.minorSlashBps);
        _setFinderFeeBps(initial.finderFeeBps);
        _setProtocolFeeBps(initial.protocolFeeBps);
        _setTreasury(initial.treasury);
    }

    function _setStartDeadline(uint64 value) internal {
        _checkRange("startDeadline", value, START_DEADLINE_MIN, START_DEADLINE_MAX);
        emit ParameterUpdated("startDeadline", _parameters.startDeadline, value);
        _parameters.startDeadline = uint32(value);
    }

    function _setMinPrepaidSeconds(uint64 value) internal {
        _checkRange("minPrepaidSeconds", value, 1, MIN_PREPAID_MAX);
        emit ParameterUpdated("minPrepaidSeconds", _parameters.minPrepaidSeconds, value);
        _parameters.minPrepaidSeconds = uint32(value);
    }

    function _setSlashBps(uint16 value) internal {
        _checkRange("slashBps", value, 1, SLASH_BPS_MAX);
        emit ParameterUpdated("slashBps", _parameters.slashBps, value);
        _parameters.slashBps = value;
    }

    function _setMinorSlashBps(uint16 value) internal {
        _checkRange("minorSlashBps", value, 0, SLASH_BPS_MAX);
        emit ParameterUpdated("minorSlashBps", _parameters.minorSlashBps, value);
        _parameters.minorSlashBps = value;
    }

    function _setFinderFeeBps(uint16 value) internal {
        _checkRange("finderFeeBps", value, 0, FINDER_FEE_BPS_MAX);
        emit ParameterUpdated("finderFeeBps", _parameters.finderFeeBps, value);
        _parameters.finderFeeBps = value;
    }

    function _setProtocolFeeBps(uint16 value) internal {
        _checkRange("protocolFeeBps", value, 0, PROTOCOL_FEE_BPS_MAX);
        emit ParameterUpdated("protocolFeeBps", _parameters.protocolFeeBps, value);
        _parameters.protocolFeeBps = value;
    }

    function _setTreasury(address value) internal {
        if (value == address(0)) revert ZeroAddress("treasury");
        emit TreasuryUpdated(_treasury, value);
        _treasury = value;
    }

    function _checkRange(bytes32 name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfRange(name, value, min, max);
    }
}
