// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";

/// @title Registry parameters: storage, bounds, change events and getters
/// @dev Every setter checks its bounds (ParameterOutOfRange) and emits ParameterUpdated with the getter's name.
abstract contract RegistryParameterStore is IProviderRegistry {
    uint256 public constant MIN_STAKE_PER_GPU_MAX = 1e30;
    uint64 public constant PERIOD_MIN = 60;
    uint64 public constant PERIOD_MAX = 90 days;
    uint64 public constant HEARTBEAT_INTERVAL_MAX = 3600;
    uint64 public constant HEARTBEAT_TIMEOUT_MAX = 1 days;

    uint256 internal _minStakePerGpu;
    uint64 internal _unbondingPeriod;
    uint64 internal _jailPeriod;
    uint64 internal _heartbeatInterval;
    uint64 internal _heartbeatTimeout;

    function _initializeParameters(RegistryParameters memory initial) internal {
        _setMinStakePerGpu(initial.minStakePerGpu);
        _setUnbondingPeriod(initial.unbondingPeriod);
        _setJailPeriod(initial.jailPeriod);
        _setHeartbeatTiming(initial.heartbeatInterval, initial.heartbeatTimeout);
    }

    function parameters() external view returns (RegistryParameters memory) {
        return RegistryParameters({
            minStakePerGpu: _minStakePerGpu,
            unbondingPeriod: _unbondingPeriod,
            jailPeriod: _jailPeriod,
            heartbeatInterval: _heartbeatInterval,
            heartbeatTimeout: _heartbeatTimeout
        });
    }

    function minStakePerGpu() external view returns (uint256) {
        return _minStakePerGpu;
    }

    function unbondingPeriod() external view returns (uint64) {
        return _unbondingPeriod;
    }

    function jailPeriod() external view returns (uint64) {
        return _jailPeriod;
    }

    function heartbeatInterval() external view returns (uint64) {
        return _heartbeatInterval;
    }

    function heartbeatTimeout() external view returns (uint64) {
        return _heartbeatTimeout;
    }

    function _setMinStakePerGpu(uint256 value) internal {
        _checkRange("minStakePerGpu", value, 1, MIN_STAKE_PER_GPU_MAX);
        emit ParameterUpdated("minStakePerGpu", _minStakePerGpu, value);
        _minStakePerGpu = value;
    }

    function _setUnbondingPeriod(uint64 value) internal {
        _checkRange("unbondingPeriod", value, PERIOD_MIN, PERIOD_MAX);
        emit ParameterUpdated("unbondingPeriod", _unbondingPeriod, value);
        _unbondingPeriod = value;
    }

    function _setJailPeriod(uint64 value) internal {
        _checkRange("jailPeriod", value, PERIOD_MIN, PERIOD_MAX);
        emit ParameterUpdated("jailPeriod", _jailPeriod, value);
        _jailPeriod = value;
    }

    /// @dev The timeout must leave room for at least one missed interval: timeout in [2 * interval, 1 day].
    function _setHeartbeatTiming(uint64 interval, uint64 timeout) internal {
        _checkRange("heartbeatInterval", interval, 1, HEARTBEAT_INTERVAL_MAX);
        _checkRange("heartbeatTimeout", timeout, 2 * uint256(interval), HEARTBEAT_TIMEOUT_MAX);
        emit ParameterUpdated("heartbeatInterval", _heartbeatInterval, interval);
        emit ParameterUpdated("heartbeatTimeout", _heartbeatTimeout, timeout);
        _heartbeatInterval = interval;
        _heartbeatTimeout = timeout;
    }

    function _checkRange(bytes32 name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfRange(name, value, min, max);
    }
}
