// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Operator keys of the providers that register during an invariant run (none is bound at the start)
/// @notice Private key i (1..4) is 0x0B0A4D00 + i; the 64-byte uncompressed public keys were computed off-chain with the
/// noble-curves library (Hardhat does not serve the createWallet cheatcode). OnboardingHandler checks each against
/// vm.addr(privateKey) when it is built, so a wrong constant fails loudly.
library OnboardingKeyFixtures {
    uint256 internal constant COUNT = 4;

    function privateKey(uint256 index) internal pure returns (uint256) {
        require(index >= 1 && index <= COUNT, "onboarding key index out of range");
        return 0x0B0A4D00 + index;
    }

    function publicKey(uint256 index) internal pure returns (bytes memory) {
        if (index == 1) return hex"fcb46bf86590edc04666f643bad2a633fb614835d6a3a0869e069d7f0ba5baea66fef52f132f6f44abbfd4b726b9f56be8f37ad77598c04828d48657bbcac71a";
        if (index == 2) return hex"0fd59b3da475d5b3d3959bd5a29d6d16e407b6224d4bab6e7fd4dbab0286f8a187df6e1f9d3b85f57537162e4a8473aecbd4ce7393b112ac5c0547effce7cbce";
        if (index == 3) return hex"7b91f998aad744015e2682dff3f2a1e6e431d272b8f4a49ab13b524ab36e3c534191555ebe602a33083dccb2be1ed7f4ae610feff2fb58198391c733c3d4ca47";
        if (index == 4) return hex"c8cf193e4802a7d558280aaec6893c31453d5e5103e5e498db0788b021eacf64d99ad77039733577f001961c8cf2573fa4620063ecb93b8cbeeb71697992641a";
        revert("onboarding key index out of range");
    }
}
