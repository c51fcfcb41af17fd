// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IProviderRegistry} from "./interfaces/IProviderRegistry.sol";
import {MarketStorage} from "./market/MarketStorage.sol";
import {MarketOrders} from "./market/MarketOrders.sol";
import {MarketLeases} from "./market/MarketLeases.sol";
import {MarketViews} from "./market/MarketViews.sol";
import {LeaseMarketExtension} from "./LeaseMarketExtension.sol";

/// @title DePinGpu lease market
/// @notice Orders, offers, leases with epochs and checkpoints, heartbeat-fault reports with slashing and automatic
/// hand-over to standbys, per-second lazy settlement and pull payments. See ILeaseMarket for every function.
/// @dev The registry must be bound to this market (ProviderRegistry.bindMarket, once); stake and payments use the
/// registry's stake token. The market has no admin: its parameter changes are scheduled by the registry's
/// PARAMETER_ROLE and wait PARAMETER_DELAY.
/// The gas-bounded paths (offers, finalize, provider calls, reports, settlement) and the views run here; order
/// intake, tenant-side closing, standby exit and the parameter setters are forwarded by delegatecall to
/// LeaseMarketExtension (same storage layout) so the contract stays under the 24 KiB code size limit.
contract LeaseMarket is MarketOrders, MarketLeases, MarketViews {
    error ExtensionMismatch(address extension, address registry);

    address private immutable _extension;

    /// @param registry_ the provider registry (also the source of the stake token and of the governing roles)
    /// @param initial the parameters in force from deployment
    /// @param extension_ a LeaseMarketExtension deployed for the same registry
    constructor(IProviderRegistry registry_, MarketParameters memory initial, address extension_)
        MarketStorage(registry_)
    {
        if (extension_.code.length == 0 || LeaseMarketExtension(extension_).extensionRegistry() != address(registry_)) {
            revert ExtensionMismatch(extension_, address(registry_));
        }
        _extension = extension_;
        _initializeParameters(initial);
    }

    /// @notice The LeaseMarketExtension this market forwards to.
    function extension() external view returns (address) {
        return _extension;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Forwarded to LeaseMarketExtension (parameters are unnamed: the extension decodes the same calldata)
    // ------------------------------------------------------------------------------------------------------------

    function createOrder(OrderRequest calldata) external returns (uint256) {
        _forward();
    }

    function createOrderWithPermit(OrderRequest calldata, uint256, uint8, bytes32, bytes32)
        external
        returns (uint256)
    {
        _forward();
    }

    function cancelOrder(uint256) external {
        _forward();
    }

    function leaveStandby(uint256) external {
        _forward();
    }

    function topUp(uint256, uint256) external {
        _forward();
    }

    function closeLease(uint256) external {
        _forward();
    }

    function closeDueLease(uint256) external {
        _forward();
    }

    function scheduleParameters(MarketParameters calldata) external {
        _forward();
    }

    function cancelScheduledParameters() external {
        _forward();
    }

    function applyScheduledParameters() external {
        _forward();
    }

    /// @dev Delegatecalls the extension with the original calldata and returns or reverts with its result verbatim.
    function _forward() private {
        address target = _extension;
        assembly ("memory-safe") {
            calldatacopy(0, 0, calldatasize())
            let success := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(success) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }
}
