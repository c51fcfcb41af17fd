// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketFixture} from "../utils/MarketFixture.sol";
import {MarketHandler} from "./MarketHandler.t.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";
import {AttackerHandler} from "./AttackerHandler.t.sol";
import {ParameterHandler} from "./ParameterHandler.t.sol";
import {ExitHandler} from "./ExitHandler.t.sol";
import {IdentityHandler} from "./IdentityHandler.t.sol";
import {PermitOrderHandler} from "./PermitOrderHandler.t.sol";
import {OnboardingHandler} from "./OnboardingHandler.t.sol";

/// @title The market the invariant tests run: six providers, two tenants, the honest market handler and the attacking
/// handlers, each a target of the invariant runner with its weighted list of actions
/// @dev Each handler is its own contract so none nears the 24 KiB code size limit (MarketHandler is the largest).
abstract contract MarketInvariantSetup is MarketFixture {
    uint256 internal constant PROVIDERS = 6;
    MarketHandler internal handler;
    AttackGhosts internal ghosts;
    AttackerHandler internal attacker;
    ParameterHandler internal parameterChanger;
    ExitHandler internal leaver;
    IdentityHandler internal identity;
    PermitOrderHandler internal permits;
    OnboardingHandler internal onboarding;

    function setUp() public override {
        super.setUp();
        changeMarketParameters(withProtocolFee(100));
        address[] memory owners = new address[](PROVIDERS);
        address[] memory operators = new address[](PROVIDERS);
        for (uint256 i = 0; i < PROVIDERS; ++i) {
            owners[i] = registerProvider(i + 1);
            operators[i] = operatorOf(i + 1);
            fund(owners[i], 5_000 ether);
            vm.prank(owners[i]);
            token.approve(address(registry), type(uint256).max);
        }
        address[] memory tenants = new address[](2);
        tenants[0] = tenant;
        tenants[1] = address(0x7E4A48);
        fund(tenants[1], 1_000_000 ether);
        for (uint256 i = 0; i < tenants.length; ++i) {
            vm.prank(tenants[i]);
            token.approve(address(market), type(uint256).max);
        }
        handler = new MarketHandler(token, registry, market, owners, operators, tenants, verifier, treasuryAccount);
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: handlerActions()}));

        ghosts = new AttackGhosts();
        attacker = new AttackerHandler(token, registry, market, ghosts, owners);
        parameterChanger = new ParameterHandler(token, registry, market, ghosts, owners, admin);
        leaver = new ExitHandler(token, registry, market, ghosts, owners);
        targetContract(address(attacker));
        targetSelector(FuzzSelector({addr: address(attacker), selectors: attackerActions()}));
        targetContract(address(parameterChanger));
        targetSelector(FuzzSelector({addr: address(parameterChanger), selectors: parameterActions()}));
        targetContract(address(leaver));
        targetSelector(FuzzSelector({addr: address(leaver), selectors: exitActions()}));
        identity = new IdentityHandler(token, registry, market, ghosts, owners);
        targetContract(address(identity));
        targetSelector(FuzzSelector({addr: address(identity), selectors: identityActions()}));
        addNewcomers(owners);
    }

    /// @dev A tenant that pays by permit only (it never approves the market) and owners that register mid-run.
    function addNewcomers(address[] memory owners) internal {
        permits = new PermitOrderHandler(token, registry, market, ghosts, owners);
        fund(permits.permitTenant(), 1_000_000 ether);
        targetContract(address(permits));
        targetSelector(FuzzSelector({addr: address(permits), selectors: permitActions()}));
        onboarding = new OnboardingHandler(token, registry, market, ghosts, owners, handler);
        for (uint256 n = 1; n <= 4; ++n) fund(onboarding.newOwner(n), 5_000 ether);
        targetContract(address(onboarding));
        targetSelector(FuzzSelector({addr: address(onboarding), selectors: onboardingActions()}));
    }

    function permitActions() internal view returns (bytes4[] memory actions) {
        actions = new bytes4[](2);
        actions[0] = permits.createOrderWithPermit.selector;
        actions[1] = permits.badPermit.selector;
    }

    function onboardingActions() internal view returns (bytes4[] memory actions) {
        actions = new bytes4[](2);
        actions[0] = onboarding.registerProvider.selector;
        actions[1] = onboarding.badRegistration.selector;
    }

    function attackerActions() internal view returns (bytes4[] memory actions) {
        actions = new bytes4[](6);
        actions[0] = attacker.staleEpochCall.selector;
        actions[1] = attacker.wrongCallerCall.selector;
        actions[2] = attacker.reportBatch.selector;
        actions[3] = attacker.reportBatch.selector;
        actions[4] = attacker.settleBatch.selector;
        actions[5] = attacker.withdrawExtra.selector;
    }

    function parameterActions() internal view returns (bytes4[] memory actions) {
        actions = new bytes4[](6);
        actions[0] = parameterChanger.scheduleMarketParameters.selector;
        actions[1] = parameterChanger.scheduleRegistryParameters.selector;
        actions[2] = parameterChanger.applyScheduled.selector;
        actions[3] = parameterChanger.cancelScheduled.selector;
        actions[4] = parameterChanger.scheduleWithoutTheRole.selector;
        actions[5] = parameterChanger.applyEarly.selector;
    }

    function identityActions() internal view returns (bytes4[] memory actions) {
        actions = new bytes4[](2);
        actions[0] = identity.changeOperator.selector;
        actions[1] = identity.updateMetadata.selector;
    }

    function exitActions() internal view returns (bytes4[] memory actions) {
        actions = new bytes4[](2);
        actions[0] = leaver.exitAroundSlash.selector;
        actions[1] = leaver.tenantCloseWhileSilent.selector;
    }

    function handlerActions() internal view returns (bytes4[] memory actions) {
        // repeated entries weight the random choice towards the busy paths of a real market
        actions = new bytes4[](31);
        actions[0] = handler.createOrder.selector;
        actions[1] = handler.cancelOrder.selector;
        actions[2] = handler.finalize.selector;
        actions[3] = handler.finalize.selector;
        actions[4] = handler.topUp.selector;
        actions[5] = handler.closeLease.selector;
        actions[6] = handler.heartbeat.selector;
        actions[7] = handler.heartbeatAll.selector;
        actions[8] = handler.heartbeatAll.selector;
        actions[9] = handler.placeOffer.selector;
        actions[10] = handler.placeOffer.selector;
        actions[11] = handler.placeOffer.selector;
        actions[12] = handler.offerReplacement.selector;
        actions[13] = handler.ack.selector;
        actions[14] = handler.ack.selector;
        actions[15] = handler.commit.selector;
        actions[16] = handler.commit.selector;
        actions[17] = handler.complete.selector;
        actions[18] = handler.release.selector;
        actions[19] = handler.leaveStandby.selector;
        actions[20] = handler.requestUnbond.selector;
        actions[21] = handler.withdrawUnbonded.selector;
        actions[22] = handler.addStake.selector;
        actions[23] = handler.unjail.selector;
        actions[24] = handler.advanceTime.selector;
        actions[25] = handler.reportMissedHeartbeat.selector;
        actions[26] = handler.reportMissedHeartbeat.selector;
        actions[27] = handler.reportStartTimeout.selector;
        actions[28] = handler.settle.selector;
        actions[29] = handler.closeDue.selector;
        actions[30] = handler.withdraw.selector;
    }
}
