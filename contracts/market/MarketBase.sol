// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MarketCore} from "./MarketCore.sol";

/// @title The storage-defining root of both code halves of the market
/// @dev LeaseMarket and LeaseMarketExtension both derive from this contract and declare no state of their own, so
/// their storage layouts are identical: the extension runs only by delegatecall from LeaseMarket, on its storage.
/// Never add state variables outside MarketParameterStore, MarketStorage and this contract's bases.
abstract contract MarketBase is MarketCore, AccessControl {
    bytes32 public constant PARAMETER_ROLE = keccak256("PARAMETER_ROLE");
}
