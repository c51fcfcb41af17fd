// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";

/// @title Operator key helpers
/// @notice An operator key is a secp256k1 key: its Ethereum address signs transactions and its libp2p peer id
/// identifies the node on the gossip network. Both are derived here from the 64-byte uncompressed public key.
library OperatorKeys {
    uint256 internal constant PUBLIC_KEY_LENGTH = 64;

    /// @dev identity multihash (0x00, length 0x25 = 37) of the protobuf PublicKey {Type: Secp256k1 (0x08 0x02),
    /// Data: 33 bytes (0x12 0x21)}; the 33-byte compressed key follows.
    bytes6 internal constant PEER_ID_PREFIX = 0x002508021221;

    function requireValidLength(bytes calldata publicKey) internal pure {
        if (publicKey.length != PUBLIC_KEY_LENGTH) revert IProviderRegistry.InvalidPublicKeyLength(publicKey.length);
    }

    /// @notice keccak256(x || y), last 20 bytes.
    function toAddress(bytes calldata publicKey) internal pure returns (address) {
        requireValidLength(publicKey);
        return address(uint160(uint256(keccak256(publicKey))));
    }

    /// @notice 0x0025 0802 1221 || (0x02 | y parity) || x: 39 bytes.
    function toPeerId(bytes calldata publicKey) internal pure returns (bytes memory) {
        requireValidLength(publicKey);
        bytes32 x = bytes32(publicKey[0:32]);
        uint256 y = uint256(bytes32(publicKey[32:64]));
        bytes1 prefix = y & 1 == 0 ? bytes1(0x02) : bytes1(0x03);
        return abi.encodePacked(PEER_ID_PREFIX, prefix, x);
    }
}
