// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {IProviderRegistry} from "../../interfaces/IProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {OperatorKeyFixtures} from "../utils/OperatorKeyFixtures.sol";
import {OnboardingKeyFixtures} from "../utils/OnboardingKeyFixtures.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";
import {HandlerBase} from "./HandlerBase.t.sol";
import {MarketHandler} from "./MarketHandler.t.sol";

/// @title Invariant-test actors that register providers mid-run: up to four new owners, each with a fresh operator key
/// that consents by its EIP-712 signature; then the honest handler bids, heart-beats, unbonds and withdraws for them
/// like for the first six. Attackers try to register with an operator already bound, too little stake, a consent
/// signed by another key, a consent the key gave another owner, or an owner already registered.
/// @dev New owner n (1-4) is 0x0B0A0000 + n, funded and approving the registry in the setup; its operator is
/// OnboardingKeyFixtures key n. An attack always uses the next owner and key not yet registered.
contract OnboardingHandler is HandlerBase {
    uint32 internal constant VRAM_GB = 24;
    bytes internal constant METADATA = hex"01551220cccc";
    MarketHandler public immutable honest;
    uint256 public registered;

    /// @dev What a refused registration must leave as it was.
    struct Snapshot {
        uint256 registryBalance;
        uint256 callerBalance;
        bool newOwnerRegistered;
        address operatorBoundTo;
        address callerOperator;
    }

    constructor(
        DevToken token_,
        ProviderRegistry registry_,
        ILeaseMarket market_,
        AttackGhosts ghosts_,
        address[] memory owners_,
        MarketHandler honest_
    ) HandlerBase(token_, registry_, market_, ghosts_, owners_) {
        honest = honest_;
        for (uint256 n = 1; n <= OnboardingKeyFixtures.COUNT; ++n) {
            require(vm.addr(OnboardingKeyFixtures.privateKey(n)) == keyAddress(n), "onboarding key fixture");
            // the attacking handlers' accomplices report the new providers' leases too: their fees must be summed
            ghosts_.addAccount(accomplice(newOwner(n)));
            vm.prank(newOwner(n));
            token_.approve(address(registry_), type(uint256).max);
        }
    }

    function newOwner(uint256 n) public pure returns (address) {
        return address(uint160(0x0B0A0000 + n));
    }

    function keyAddress(uint256 n) public pure returns (address) {
        return address(uint160(uint256(keccak256(OnboardingKeyFixtures.publicKey(n)))));
    }

    /// @notice The next new owner registers with its own key's consent and at least the required stake, and joins the
    /// honest market (which then offers, heart-beats and unbonds for it, and the invariants sum its stake).
    function registerProvider(uint256 gpuSeed) external {
        if (registered >= OnboardingKeyFixtures.COUNT) return;
        uint256 n = registered + 1;
        address owner = newOwner(n);
        uint32 gpus = uint32(2 + gpuSeed % 3); // orders ask up to two GPUs per replica
        uint256 stake = registry.minStakePerGpu() * gpus + (gpuSeed >> 8) % 100 ether;
        if (token.balanceOf(owner) < stake) return; // the minimum stake was raised past what the owner holds
        uint256 registryBefore = token.balanceOf(address(registry));
        bytes memory consent = _consent(OnboardingKeyFixtures.privateKey(n), owner);
        vm.prank(owner);
        try registry.register(keyAddress(n), OnboardingKeyFixtures.publicKey(n), consent, "RTX4090", gpus, VRAM_GB, METADATA, stake) {
            IProviderRegistry.ProviderInfo memory info = registry.getProvider(owner);
            if (registry.providerOfOperator(keyAddress(n)) != owner || info.stake != stake || info.lockedStake != 0) {
                ghosts.fail("onboarding", "a registration bound the wrong operator or stake");
            }
            if (token.balanceOf(address(registry)) != registryBefore + stake) {
                ghosts.fail("onboarding", "a registration moved other than its stake");
            }
            registered = n;
            honest.enlist(owner, keyAddress(n));
            ghosts.count("registerProvider");
        } catch {
            ghosts.fail("onboarding", "a valid registration was refused");
        }
    }

    /// @notice An attacker's registration: 0 with an operator already bound (by its own key's consent), 1 with one wei
    /// less than the required stake, 2 with a consent signed by another key, 3 with the consent the key gave another
    /// owner, 4 by an owner already registered. Each must be refused for that reason and change nothing.
    function badRegistration(uint256 kind, uint256 seed) external {
        if (registered >= OnboardingKeyFixtures.COUNT) return;
        kind %= 5;
        uint256 n = registered + 1;
        address caller = kind == 4 ? _owners[seed % _owners.length] : newOwner(n);
        address operator = keyAddress(n);
        bytes memory publicKey = OnboardingKeyFixtures.publicKey(n);
        bytes memory consent = _consent(OnboardingKeyFixtures.privateKey(n), caller);
        uint256 stake = registry.minStakePerGpu() * 4;
        bytes memory expected;
        if (kind == 0) {
            (operator, publicKey, consent, expected) = _boundOperator(seed, caller);
        } else if (kind == 1) {
            expected = abi.encodeWithSelector(IProviderRegistry.InsufficientStake.selector, stake - 1, stake);
            stake -= 1;
        } else if (kind == 2) {
            uint256 wrongKey = 0x0BAD0000 + seed % 7 + 1;
            consent = _consent(wrongKey, caller);
            expected = abi.encodeWithSelector(IProviderRegistry.InvalidOperatorSignature.selector, operator, vm.addr(wrongKey));
        } else if (kind == 3) {
            consent = _consent(OnboardingKeyFixtures.privateKey(n), _owners[seed % _owners.length]);
            expected = abi.encodeWithSelector(
                IProviderRegistry.InvalidOperatorSignature.selector, operator, _signer(registry.operatorBindingDigest(caller), consent)
            );
        } else {
            expected = abi.encodeWithSelector(IProviderRegistry.AlreadyRegistered.selector, caller);
        }
        Snapshot memory before = _snapshot(caller, operator, newOwner(n));
        vm.prank(caller);
        (bool ok, bytes memory reason) = address(registry).call(
            abi.encodeCall(registry.register, (operator, publicKey, consent, "RTX4090", 4, VRAM_GB, METADATA, stake))
        );
        if (ok) ghosts.fail("onboarding", "a bad registration was accepted");
        else if (keccak256(reason) != keccak256(expected)) ghosts.fail("onboarding", "a bad registration was refused for another reason");
        if (keccak256(abi.encode(before)) != keccak256(abi.encode(_snapshot(caller, operator, newOwner(n))))) {
            ghosts.fail("onboarding", "a refused registration changed a balance or a binding");
        }
        bytes32[5] memory names =
            [bytes32("regBoundOperator"), "regLowStake", "regWrongKey", "regOtherConsent", "regTwice"];
        ghosts.count(names[kind]);
    }

    /// @dev The current operator of a provider already in the market (one of the first six, whose key IdentityHandler
    /// moves between fixture keys i and i + 6, or one registered here), with that key's own consent to serve `caller`.
    function _boundOperator(uint256 seed, address caller)
        private
        view
        returns (address operator, bytes memory publicKey, bytes memory consent, bytes memory expected)
    {
        address provider;
        uint256 key;
        if (registered > 0 && seed % 3 == 0) {
            uint256 j = 1 + (seed >> 8) % registered;
            provider = newOwner(j);
            operator = keyAddress(j);
            publicKey = OnboardingKeyFixtures.publicKey(j);
            key = OnboardingKeyFixtures.privateKey(j);
        } else {
            uint256 index = seed % _owners.length;
            provider = _owners[index];
            operator = registry.operatorOf(provider);
            uint256 fixture = operator == _fixtureAddress(index + 1) ? index + 1 : index + 7;
            publicKey = OperatorKeyFixtures.publicKey(fixture);
            key = OperatorKeyFixtures.privateKey(fixture);
        }
        consent = _consent(key, caller);
        expected = abi.encodeWithSelector(IProviderRegistry.OperatorInUse.selector, operator, provider);
    }

    function _snapshot(address caller, address operator, address owner) private view returns (Snapshot memory) {
        return Snapshot({
            registryBalance: token.balanceOf(address(registry)),
            callerBalance: token.balanceOf(caller),
            newOwnerRegistered: registry.isRegistered(owner),
            operatorBoundTo: registry.providerOfOperator(operator),
            callerOperator: registry.operatorOf(caller)
        });
    }

    function _consent(uint256 key, address owner) private view returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, registry.operatorBindingDigest(owner));
        return abi.encodePacked(r, s, v);
    }

    function _signer(bytes32 digest, bytes memory signature) private pure returns (address) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(signature, 32))
            s := mload(add(signature, 64))
            v := byte(0, mload(add(signature, 96)))
        }
        return ecrecover(digest, v, r, s);
    }

    function _fixtureAddress(uint256 key) private pure returns (address) {
        return address(uint160(uint256(keccak256(OperatorKeyFixtures.publicKey(key)))));
    }
}
