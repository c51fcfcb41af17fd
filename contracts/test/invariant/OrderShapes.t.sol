// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ILeaseMarketTypes} from "../../interfaces/ILeaseMarketTypes.sol";

/// @notice The order shapes every handler's tenants ask for, so that any provider of the campaign may serve any order.
/// @param specCid A spec CID naming the handler that created the order.
/// @param kind Stateful or Stateless.
/// @param shapeSeed Fuzzer input for GPUs, replicas, standbys, duration and bid window.
/// @param priceSeed Fuzzer input for the price and the escrow's duration.
function orderShape(bytes memory specCid, ILeaseMarketTypes.OrderKind kind, uint256 shapeSeed, uint256 priceSeed)
    pure
    returns (ILeaseMarketTypes.OrderRequest memory)
{
    uint256 price = 1e12 + priceSeed % 1e15;
    uint8 replicas = uint8(1 + shapeSeed % 2);
    return ILeaseMarketTypes.OrderRequest({
        specCid: specCid,
        kind: kind,
        gpuModel: "",
        minVramGb: 0,
        gpusPerReplica: uint16(1 + (shapeSeed >> 8) % 2),
        replicas: replicas,
        standbys: uint8((shapeSeed >> 16) % 3),
        maxPricePerSecond: price,
        maxDuration: uint64(60 + (shapeSeed >> 24) % 900),
        bidWindow: uint64(10 + (shapeSeed >> 40) % 50),
        escrow: replicas * price * (60 + (priceSeed >> 128) % 300)
    });
}
