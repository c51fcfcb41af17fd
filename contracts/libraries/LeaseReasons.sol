// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Close and reassignment reasons
/// @notice The actor is in the range (after Akash): 1xx tenant, 2xx provider, 3xx protocol.
library LeaseReasons {
    uint16 internal constant TENANT_CLOSED = 100;

    uint16 internal constant COMPLETED = 200;
    uint16 internal constant RELEASED = 201;
    uint16 internal constant MISSED_HEARTBEAT = 202;
    uint16 internal constant START_TIMEOUT = 203;

    uint16 internal constant EXPIRED = 300;
    uint16 internal constant INSUFFICIENT_FUNDS = 301;
    uint16 internal constant NO_REPLACEMENT = 302;
}
