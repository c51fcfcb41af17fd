// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {OperatorKeyFixtures} from "../utils/OperatorKeyFixtures.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";
import {HandlerBase} from "./HandlerBase.t.sol";

/// @title Invariant-test actors that change a provider's identity mid-lease: a new operator key (the old one must lose
/// every power over the provider's leases at once) and new metadata
/// @dev Provider i (1-6) moves between fixture key i and key i + 6, each consenting with its EIP-712 signature.
contract IdentityHandler is HandlerBase {
    uint256 internal constant SPARE_KEY_OFFSET = 6;

    constructor(DevToken token_, ProviderRegistry registry_, ILeaseMarket market_, AttackGhosts ghosts_, address[] memory owners_)
        HandlerBase(token_, registry_, market_, ghosts_, owners_)
    {
        // a spare key may report as its provider's operator and earn a finder's fee: the conservation sum needs it
        for (uint256 i = 1; i <= owners_.length; ++i) ghosts_.addAccount(_keyAddress(i + SPARE_KEY_OFFSET));
    }

    /// @notice The owner moves its node to the other key; then the old key tries to act on the provider's leases.
    function changeOperator(uint256 providerSeed, uint256 leaseSeed) external {
        uint256 index = providerSeed % _owners.length;
        address owner = _owners[index];
        address previous = registry.operatorOf(owner);
        uint256 key = previous == _keyAddress(index + 1) ? index + 1 + SPARE_KEY_OFFSET : index + 1;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(OperatorKeyFixtures.privateKey(key), registry.operatorBindingDigest(owner));
        uint64 beatBefore = registry.lastHeartbeat(owner);
        vm.prank(owner);
        registry.changeOperator(_keyAddress(key), OperatorKeyFixtures.publicKey(key), abi.encodePacked(r, s, v));
        if (registry.providerOfOperator(previous) != address(0) || registry.providerOfOperator(_keyAddress(key)) != owner) {
            ghosts.fail("identity", "an operator change left the old key bound or the new one unbound");
        }
        if (registry.lastHeartbeat(owner) != beatBefore) ghosts.fail("identity", "an operator change moved the heartbeat");
        _oldKeyActs(owner, previous, leaseSeed);
        ghosts.count("changeOperator");
    }

    function updateMetadata(uint256 providerSeed, uint256 cidSeed) external {
        vm.prank(_owners[providerSeed % _owners.length]);
        registry.updateMetadata(abi.encodePacked(hex"01551220", cidSeed));
        ghosts.count("updateMetadata");
    }

    /// @dev The replaced key acknowledges, checkpoints or releases one of the provider's leases at its current epoch.
    function _oldKeyActs(address owner, address previous, uint256 seed) private {
        uint256 count = market.leaseCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 leaseId = 1 + (seed + i) % count;
            LeaseInfo memory lease = market.getLease(leaseId);
            if (lease.provider != owner) continue;
            bytes memory data = lease.state == LeaseState.Assigned
                ? abi.encodeCall(ILeaseMarket.ackLease, (leaseId, lease.epoch))
                : abi.encodeCall(ILeaseMarket.releaseLease, (leaseId, lease.epoch));
            vm.prank(previous);
            (bool ok,) = address(market).call(data);
            if (ok) ghosts.fail("identity", "a replaced operator key still acted on its provider's lease");
            else ghosts.count("oldKeyRefused");
            return;
        }
    }

    function _keyAddress(uint256 key) private pure returns (address) {
        return address(uint160(uint256(keccak256(OperatorKeyFixtures.publicKey(key)))));
    }
}
