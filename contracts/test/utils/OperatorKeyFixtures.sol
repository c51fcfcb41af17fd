// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Fixed secp256k1 operator keys for tests
/// @notice Private key of operator i (1..12) is 0xA11CE000 + i; the 64-byte uncompressed public keys below were
/// computed off-chain with the noble-curves library (Hardhat does not serve the createWallet cheatcode). Tests check each
/// against vm.addr(privateKey), so a wrong constant fails loudly.
library OperatorKeyFixtures {
    uint256 internal constant COUNT = 12;

    function privateKey(uint256 index) internal pure returns (uint256) {
        require(index >= 1 && index <= COUNT, "operator index out of range");
        return 0xA11CE000 + index;
    }

    function publicKey(uint256 index) internal pure returns (bytes memory) {
        if (index == 1) return hex"fd00fbfc915d7479cc113fd1923cc76489f0d259b6f324eee4f509ab1ca3f7aa6d790040e4ff3237f05bc43a1c4cb0bf6ece5e7f7c9f9db530afb4bdd3608bf0";
        if (index == 2) return hex"24076fc11fcf0b4cb002a8e1f90b8aa183cae850970a5f9b5315d4a4dcc217b798340f4436e9f1a644257039be9c1bcc4a8d17fa5e684b6055985819ec051ecd";
        if (index == 3) return hex"a8b03635081ce76e707a0d9d29a44ae30390c75bb5584e0bf1c5c23e0a6358e4ea11d7bc4b4171e9057ab4d6a2bdd143ae294788fefb17b1dbb5f1e9d5341caf";
        if (index == 4) return hex"fc946b89d97166fb0bd993f693e5ed699b1d8985f5c853593a401a754c245519edf7355a174e32d4605ca61434f150ab151c10b369668e22f48047c891f340c9";
        if (index == 5) return hex"207309b58665359c09e298b401abb9802667c5046d66dd9d5a56f43755e7583b3aed99de294300574a04d5478f1237e47ae07406b88d6ccb9babd3b8b468ab64";
        if (index == 6) return hex"6a0a5c3379f8e04c5582a75a767764a69682447a99a259c2ef6336117bf0e0c0674f48e48ddde29e42e4646ab4d2c1da377149b31ab2b2b96b45786a87936f93";
        if (index == 7) return hex"ee0aa2fb6a6202351a06ff7a83823501d78e73cb05088dc8b1e56fee6cb19111fa864528bf8d6ea3cb0be280fa60b8da4a832114fe8b19fe4235ce1b121aca7d";
        if (index == 8) return hex"c7f4c66d52fbddbf6d48fc6382baf1f4ab36cad45eaeb357ca7efc31529a2f1ffafe8240a8af071714cb37d3706bfad738740b2a34003761e74b7ecd2ae81c34";
        if (index == 9) return hex"6932ea3aaaef4325fbf5cc0b8f705d8fbe45679224d7a6e49b16fa1398e6bd4e9d6efab619693566022dfe1e4f35e19d931648eac13dbf4c09c8436940cadd67";
        if (index == 10) return hex"7a5e930f95fb9678e0d571799970b68cffd5fc0f522c790397e2fd80556c388190273b36759aa16e0653bb88f3ad96df2f09d8ce15d1e9e6636d81962b18ad0a";
        if (index == 11) return hex"f671a97962e9afac21ab8972979857158cc9e40285e4102c458b136e826a4b66a97a3957e75e6929e2a8b6ef570fd0ae059ffad3f562ab1bd7c0136e4447d582";
        if (index == 12) return hex"a53d71e9977190ecc2b3b5208df2e1d288f6cc69b3b75bf08bfcc7909c7cea09b368d42425101da384d568154c5a2cc7331a00e1e9307f6d567c74f0cde31aa7";
        revert("operator index out of range");
    }

    /// @notice The spec_secp256k1 vector of tests/Libp2p.Tests/Vectors/libp2p-vectors.json, decompressed (y is odd).
    bytes internal constant SPEC_PUBLIC_KEY =
        hex"7777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca991b41b30efa52b659e9db235c31f9975578a17e2b356a6b84837b5b45c555cfb1";
    address internal constant SPEC_ADDRESS = 0x8b805bF52e9cE863375c5105E1158d519537F5B3;
    bytes internal constant SPEC_PEER_ID = hex"002508021221037777e994e452c21604f91de093ce415f5432f701dd8cd1a7a6fea0e630bfca99";
}
