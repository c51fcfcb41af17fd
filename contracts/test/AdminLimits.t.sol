// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {MarketFixture} from "./utils/MarketFixture.sol";
import {OperatorKeyFixtures} from "./utils/OperatorKeyFixtures.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";
import {ProviderRegistry} from "../ProviderRegistry.sol";

/// @notice Issue 11 §1 F6 and §2: operator-key squatting, and what the admin cannot do (take or freeze funds,
/// change the economics of existing leases, change parameters without notice).
contract AdminLimitsTest is MarketFixture {
    // ------------------------------------------------------------------------------------------------------------
    // F6: operator-key squatting
    // ------------------------------------------------------------------------------------------------------------

    function test_F6_RegisteringAnotherNodesPublicKey_WithoutItsSignature_Reverts() public {
        address squatter = address(0x5017);
        fund(squatter, PROVIDER_STAKE);
        vm.startPrank(squatter);
        token.approve(address(registry), PROVIDER_STAKE);
        // the squatter knows operator 2's public key, and signs with a key of its own
        bytes memory ownSignature = signDigest(0x5017, registry.operatorBindingDigest(squatter));
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.InvalidOperatorSignature.selector, operatorOf(2), vm.addr(0x5017))
        );
        registry.register(
            operatorOf(2), OperatorKeyFixtures.publicKey(2), ownSignature, GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE
        );
        // a signature the operator gave another owner does not carry over
        bytes memory forOther = operatorSignature(registry, 2, ownerOf(2));
        vm.expectRevert();
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(2), forOther, GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
        // garbage
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.InvalidOperatorSignature.selector, operatorOf(2), address(0))
        );
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(2), hex"01", GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
        vm.stopPrank();
        assertEq(registry.providerOfOperator(operatorOf(2)), address(0), "operator key still free");
        registerProvider(2); // the real owner, with the operator's consent
        assertEq(registry.providerOfOperator(operatorOf(2)), ownerOf(2), "bound to its owner");
    }

    function test_F6_SignatureForAnotherRegistry_IsRejected() public {
        ProviderRegistry other = new ProviderRegistry(token, registryParameters(), admin);
        address owner = ownerOf(3);
        fund(owner, PROVIDER_STAKE);
        vm.startPrank(owner);
        token.approve(address(registry), PROVIDER_STAKE);
        bytes memory forOther = operatorSignature(other, 3, owner);
        vm.expectRevert();
        registry.register(operatorOf(3), OperatorKeyFixtures.publicKey(3), forOther, GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
        vm.stopPrank();
    }

    function test_F6_ChangeOperator_ToAKeyThatDidNotConsent_Reverts() public {
        address owner = registerProvider(1);
        vm.prank(owner);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.InvalidOperatorSignature.selector, operatorOf(4), address(0))
        );
        registry.changeOperator(operatorOf(4), OperatorKeyFixtures.publicKey(4), new bytes(65));
    }

    // ------------------------------------------------------------------------------------------------------------
    // A1: the market is fixed; no role lets the admin slash
    // ------------------------------------------------------------------------------------------------------------

    function test_A1_AdminCannotSlash_NorRebindTheMarket() public {
        address owner = registerProvider(1);
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotMarket.selector, admin));
        registry.slash(owner, PROVIDER_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.MarketAlreadyBound.selector, address(market)));
        registry.bindMarket(admin);
        // granting itself any role does not help: no role gates the market functions
        registry.grantRole(keccak256("MARKET_ROLE"), admin);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotMarket.selector, admin));
        registry.slash(owner, PROVIDER_STAKE);
        vm.stopPrank();
        assertEq(registry.market(), address(market), "market");
        assertEq(registry.getProvider(owner).stake, PROVIDER_STAKE, "stake intact");
    }

    function test_A1_BindMarket_OnlyToAMarketOfThisRegistry_AndOnlyByTheAdmin() public {
        ProviderRegistry fresh = new ProviderRegistry(token, registryParameters(), admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, tenant, fresh.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(tenant);
        fresh.bindMarket(address(market));
        vm.prank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.MarketRegistryMismatch.selector, address(market), address(registry))
        );
        fresh.bindMarket(address(market));
    }

    // ------------------------------------------------------------------------------------------------------------
    // A2 / A3: parameter changes do not reach existing leases
    // ------------------------------------------------------------------------------------------------------------

    function test_A2_FeeIncrease_DoesNotApplyToAnExistingLease() public {
        (uint256 orderId, uint256 leaseId) = runningStatefulLease();
        MarketParameters memory next = market.parameters();
        next.protocolFeeBps = 1000;
        vm.prank(admin);
        market.scheduleParameters(next);
        for (uint256 t = 0; t < marketContract.PARAMETER_DELAY(); t += 4) {
            // keep the providers live through the delay (heartbeat interval is 2 s, timeout 6 s)
            skipTime(4);
            heartbeat(1);
        }
        market.applyScheduledParameters();
        commit(1, leaseId, cid(1), 1);
        market.settleLeases(ids(leaseId));
        assertEq(market.withdrawable(treasuryAccount), 0, "no fee on a lease created at 0 bps");
        assertEq(market.getOrderTerms(orderId).protocolFeeBps, 0, "order terms");
    }

    function test_A3_ShorterTimeout_DoesNotMakeACompliantProviderReportable() public {
        (uint256 orderId, uint256 leaseId) = runningStatefulLease();
        IProviderRegistry.RegistryParameters memory next = registryParameters();
        next.heartbeatInterval = 1;
        next.heartbeatTimeout = 2;
        vm.prank(admin);
        registry.scheduleParameters(next);
        uint256 applyAt = block.timestamp + registry.PARAMETER_DELAY();
        while (block.timestamp < applyAt) {
            skipTime(4);
            heartbeat(1);
        }
        registry.applyScheduledParameters();
        skipTime(HEARTBEAT_TIMEOUT - 4); // silent 6 s: past the new 2 s timeout, within the order's 6 s
        assertTrue(market.isLeaseLive(leaseId), "still live under the order's timeout");
        vm.prank(verifier);
        vm.expectRevert();
        market.reportMissedHeartbeat(ids(leaseId));
        assertEq(market.getOrderTerms(orderId).heartbeatTimeout, HEARTBEAT_TIMEOUT, "order terms");
    }

    // ------------------------------------------------------------------------------------------------------------
    // A4: no admin action blocks closes, settlement or withdrawals
    // ------------------------------------------------------------------------------------------------------------

    function test_A4_AdminRenouncingEverything_BlocksNoClose_SettlementOrWithdrawal() public {
        (, uint256 leaseId) = runningStatefulLease();
        bytes32 parameterRole = registry.PARAMETER_ROLE();
        bytes32 adminRole = registry.DEFAULT_ADMIN_ROLE();
        vm.startPrank(admin);
        registry.revokeRole(parameterRole, admin);
        registry.beginDefaultAdminTransfer(address(0));
        vm.stopPrank();
        skipTime(registry.ADMIN_TRANSFER_DELAY() + 1);
        vm.prank(admin);
        registry.renounceRole(adminRole, admin);
        assertEq(registry.defaultAdmin(), address(0), "no admin left");
        // the lease (long silent by now) is reported, settled and closed, and everyone withdraws
        market.settleLeases(ids(leaseId));
        vm.prank(tenant);
        market.closeLease(leaseId);
        vm.prank(tenant);
        market.withdraw();
        assertEq(market.withdrawable(tenant), 0, "tenant paid out");
    }

    function test_AdminTransfer_IsTwoStep_AndDelayed() public {
        address next = address(0xAD2);
        vm.prank(admin);
        registry.beginDefaultAdminTransfer(next);
        vm.prank(next);
        vm.expectRevert();
        registry.acceptDefaultAdminTransfer();
        skipTime(registry.ADMIN_TRANSFER_DELAY() + 1);
        vm.prank(next);
        registry.acceptDefaultAdminTransfer();
        assertEq(registry.defaultAdmin(), next, "new admin");
        assertTrue(
            IAccessControlDefaultAdminRules(address(registry)).defaultAdminDelay() == registry.ADMIN_TRANSFER_DELAY(),
            "delay"
        );
    }
}
