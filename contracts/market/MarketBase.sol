// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketCore} from "./MarketCore.sol";

/// @title The storage-defining root of both code halves of the market
/// @dev LeaseMarket and LeaseMarketExtension both derive from this contract and declare no state of their own, so
/// their storage layouts are identical: the extension runs only by delegatecall from LeaseMarket, on its storage.
/// Never add state variables outside MarketParameterStore, MarketStorage and this contract's bases.
/// The market holds no roles: its parameters are governed by the registry's PARAMETER_ROLE (see docs/protocol.md).
abstract contract MarketBase is MarketCore {
    /// @notice The registry role that may schedule and cancel market parameter changes.
    bytes32 public constant PARAMETER_ROLE = keccak256("PARAMETER_ROLE");
}
