// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";

/// @title Registry parameters: storage, bounds, the change delay, change events and getters
/// @dev A change is scheduled (bounds checked then: ParameterOutOfRange), waits PARAMETER_DELAY and is applied by
/// anyone; each applied value emits ParameterUpdated with the getter's name. The market snapshots the heartbeat
/// timeout per order, so a change never makes a running lease reportable.
abstract contract RegistryParameterStore is IProviderRegistry {
    uint256 public constant MIN_STAKE_PER_GPU_MAX = 1e30;
    uint64 public constant PERIOD_MIN = 60;
    uint64 public constant PERIOD_MAX = 90 days;
    uint64 public constant HEARTBEAT_INTERVAL_MAX = 3600;
    uint64 public constant HEARTBEAT_TIMEOUT_MAX = 1 days;
    /// @notice Time between scheduling a parameter change and the earliest moment it can be applied.
    uint64 public constant PARAMETER_DELAY = 2 days;

    uint256 internal _minStakePerGpu;
    uint64 internal _unbondingPeriod;
    uint64 internal _jailPeriod;
    uint64 internal _heartbeatInterval;
    uint64 internal _heartbeatTimeout;
    RegistryParameters internal _scheduled;
    uint64 internal _scheduledAt; // earliest apply time of _scheduled; 0 = nothing scheduled

    function _initializeParameters(RegistryParameters memory initial) internal {
        _checkParameters(initial);
        _storeParameters(initial);
    }

    function _scheduleParameters(RegistryParameters calldata next) internal {
        _checkParameters(next);
        uint64 effectiveAt = uint64(block.timestamp) + PARAMETER_DELAY;
        _scheduled = next;
        _scheduledAt = effectiveAt;
        emit RegistryParametersScheduled(next, effectiveAt);
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
        RegistryParameters memory next = _scheduled;
        delete _scheduled;
        _scheduledAt = 0;
        _storeParameters(next);
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

    function scheduledParameters() external view returns (RegistryParameters memory next, uint64 effectiveAt) {
        return (_scheduled, _scheduledAt);
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

    /// @dev The timeout must leave room for at least one missed interval: timeout in [2 * interval, 1 day].
    function _checkParameters(RegistryParameters memory p) private pure {
        _checkRange("minStakePerGpu", p.minStakePerGpu, 1, MIN_STAKE_PER_GPU_MAX);
        _checkRange("unbondingPeriod", p.unbondingPeriod, PERIOD_MIN, PERIOD_MAX);
        _checkRange("jailPeriod", p.jailPeriod, PERIOD_MIN, PERIOD_MAX);
        _checkRange("heartbeatInterval", p.heartbeatInterval, 1, HEARTBEAT_INTERVAL_MAX);
        _checkRange("heartbeatTimeout", p.heartbeatTimeout, 2 * uint256(p.heartbeatInterval), HEARTBEAT_TIMEOUT_MAX);
    }

    function _storeParameters(RegistryParameters memory p) private {
        emit ParameterUpdated("minStakePerGpu", _minStakePerGpu, p.minStakePerGpu);
        emit ParameterUpdated("unbondingPeriod", _unbondingPeriod, p.unbondingPeriod);
        emit ParameterUpdated("jailPeriod", _jailPeriod, p.jailPeriod);
        emit ParameterUpdated("heartbeatInterval", _heartbeatInterval, p.heartbeatInterval);
        emit ParameterUpdated("heartbeatTimeout", _heartbeatTimeout, p.heartbeatTimeout);
        _minStakePerGpu = p.minStakePerGpu;
        _unbondingPeriod = p.unbondingPeriod;
        _jailPeriod = p.jailPeriod;
        _heartbeatInterval = p.heartbeatInterval;
        _heartbeatTimeout = p.heartbeatTimeout;
    }

    function _checkRange(bytes32 name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfRange(name, value, min, max);
    }
}
