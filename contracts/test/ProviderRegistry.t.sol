// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {MarketFixture} from "./utils/MarketFixture.sol";
import {OperatorKeyFixtures} from "./utils/OperatorKeyFixtures.sol";
import {IProviderRegistry} from "../interfaces/IProviderRegistry.sol";
import {ProviderRegistry} from "../ProviderRegistry.sol";
import {DevToken} from "../test-token/DevToken.sol";

/// @notice ProviderRegistry: every external function, happy path and every revert path with its exact error.
contract ProviderRegistryTest is MarketFixture {
    address internal owner1;
    address internal slasher;

    function setUp() public override {
        super.setUp();
        // a registry of its own, bound to a stub market whose address the tests prank as
        registry = new ProviderRegistry(token, registryParameters(), admin);
        slasher = address(new RegistryBoundStub(address(registry)));
        vm.prank(admin);
        registry.bindMarket(slasher);
        owner1 = registerProvider(1);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Keys and peer ids
    // ------------------------------------------------------------------------------------------------------------

    function test_PeerIdOf_SpecVector_MatchesLibp2pVector() public view {
        assertEq(registry.peerIdOf(OperatorKeyFixtures.SPEC_PUBLIC_KEY), OperatorKeyFixtures.SPEC_PEER_ID, "peer id");
        assertEq(registry.addressOf(OperatorKeyFixtures.SPEC_PUBLIC_KEY), OperatorKeyFixtures.SPEC_ADDRESS, "address");
    }

    function test_Fixtures_PublicKeysMatchPrivateKeys() public pure {
        for (uint256 i = 1; i <= OperatorKeyFixtures.COUNT; ++i) {
            assertEq(
                vm.addr(OperatorKeyFixtures.privateKey(i)),
                address(uint160(uint256(keccak256(OperatorKeyFixtures.publicKey(i))))),
                "fixture key"
            );
        }
    }

    function test_PeerIdOf_EvenY_UsesPrefix02() public view {
        // key 2's y ends in ...cd (odd) and key 1's in ...f0 (even)
        bytes memory peerId = registry.peerIdOf(OperatorKeyFixtures.publicKey(1));
        assertEq(uint256(uint8(peerId[6])), 0x02, "even y prefix");
        assertEq(peerId.length, 39, "length");
        bytes memory odd = registry.peerIdOf(OperatorKeyFixtures.publicKey(2));
        assertEq(uint256(uint8(odd[6])), 0x03, "odd y prefix");
    }

    function test_PeerIdOf_WrongLength_Reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.InvalidPublicKeyLength.selector, 65));
        registry.peerIdOf(new bytes(65));
    }

    // ------------------------------------------------------------------------------------------------------------
    // register
    // ------------------------------------------------------------------------------------------------------------

    function test_Register_StoresEverything_AndPullsStake() public view {
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(owner1);
        assertEq(info.owner, owner1, "owner");
        assertEq(info.operator, operatorOf(1), "operator");
        assertEq(info.peerId, registry.peerIdOf(OperatorKeyFixtures.publicKey(1)), "peer id");
        assertEq(info.gpuModel, GPU_MODEL, "model");
        assertEq(info.gpuCount, PROVIDER_GPUS, "gpus");
        assertEq(info.vramGb, PROVIDER_VRAM, "vram");
        assertEq(info.metadataCid, META_CID, "metadata");
        assertEq(info.stake, PROVIDER_STAKE, "stake");
        assertEq(info.lockedStake, 0, "locked");
        assertEq(info.registeredAt, START_TIME, "registered at");
        assertEq(info.lastHeartbeat, START_TIME, "registration is a heartbeat");
        assertFalse(info.jailed, "jailed");
        assertEq(token.balanceOf(address(registry)), PROVIDER_STAKE, "tokens held");
        assertEq(registry.providerOfOperator(operatorOf(1)), owner1, "operator -> provider");
        assertEq(registry.operatorOf(owner1), operatorOf(1), "provider -> operator");
        assertEq(registry.providerCount(), 1, "count");
        assertEq(registry.providerAt(0), owner1, "at 0");
        assertTrue(registry.isRegistered(owner1), "registered");
        assertTrue(registry.isLive(owner1), "live");
        assertTrue(registry.isEligible(owner1), "eligible");
        assertEq(registry.freeStake(owner1), PROVIDER_STAKE, "free");
    }

    function test_Register_EmitsProviderRegistered() public {
        address owner = ownerOf(2);
        fund(owner, PROVIDER_STAKE);
        vm.startPrank(owner);
        token.approve(address(registry), PROVIDER_STAKE);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ProviderRegistered(
            owner,
            operatorOf(2),
            registry.peerIdOf(OperatorKeyFixtures.publicKey(2)),
            GPU_MODEL,
            PROVIDER_GPUS,
            PROVIDER_VRAM,
            META_CID,
            PROVIDER_STAKE
        );
        registry.register(
            operatorOf(2),
            OperatorKeyFixtures.publicKey(2),
            operatorSignature(registry, 2, owner),
            GPU_MODEL,
            PROVIDER_GPUS,
            PROVIDER_VRAM,
            META_CID,
            PROVIDER_STAKE
        );
        vm.stopPrank();
    }

    function test_Register_Twice_RevertsAlreadyRegistered() public {
        expectRegisterRevert(
            owner1, 2, abi.encodeWithSelector(IProviderRegistry.AlreadyRegistered.selector, owner1), GPU_MODEL, 4, 24
        );
    }

    function test_Register_ZeroOperator_Reverts() public {
        address owner = ownerOf(2);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ZeroAddress.selector, bytes32("operator")));
        registry.register(address(0), OperatorKeyFixtures.publicKey(2), "", GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
    }

    function test_Register_OperatorInUse_Reverts() public {
        vm.prank(ownerOf(2));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.OperatorInUse.selector, operatorOf(1), owner1));
        registry.register(operatorOf(1), OperatorKeyFixtures.publicKey(1), "", GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
    }

    function test_Register_WrongKeyLength_Reverts() public {
        vm.prank(ownerOf(2));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.InvalidPublicKeyLength.selector, 33));
        registry.register(operatorOf(2), new bytes(33), "", GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
    }

    function test_Register_KeyOfAnotherAddress_RevertsPublicKeyMismatch() public {
        vm.prank(ownerOf(2));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.PublicKeyMismatch.selector, operatorOf(2), operatorOf(3)));
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(3), "", GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
    }

    function test_Register_BadProfile_Reverts() public {
        address owner = ownerOf(2);
        expectRegisterRevert(owner, 2, abi.encodeWithSelector(IProviderRegistry.InvalidGpuModel.selector, 0, 64), "", 4, 24);
        expectRegisterRevert(
            owner,
            2,
            abi.encodeWithSelector(IProviderRegistry.InvalidGpuModel.selector, 65, 64),
            string(new bytes(65)),
            4,
            24
        );
        expectRegisterRevert(owner, 2, abi.encodeWithSelector(IProviderRegistry.InvalidGpuCount.selector, 0, 1024), GPU_MODEL, 0, 24);
        expectRegisterRevert(
            owner, 2, abi.encodeWithSelector(IProviderRegistry.InvalidGpuCount.selector, 1025, 1024), GPU_MODEL, 1025, 24
        );
        expectRegisterRevert(owner, 2, abi.encodeWithSelector(IProviderRegistry.InvalidVram.selector, 0, 4096), GPU_MODEL, 4, 0);
        expectRegisterRevert(owner, 2, abi.encodeWithSelector(IProviderRegistry.InvalidVram.selector, 4097, 4096), GPU_MODEL, 4, 4097);
    }

    function test_Register_EmptyOrLongMetadataCid_Reverts() public {
        bytes memory sig2 = operatorSignature(registry, 2, ownerOf(2));
        vm.startPrank(ownerOf(2));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.InvalidCid.selector, 0, 128));
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(2), sig2, GPU_MODEL, 4, 24, "", PROVIDER_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.InvalidCid.selector, 129, 128));
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(2), sig2, GPU_MODEL, 4, 24, new bytes(129), PROVIDER_STAKE);
        vm.stopPrank();
    }

    function test_Register_BelowMinimumStake_RevertsInsufficientStake() public {
        bytes memory sig2 = operatorSignature(registry, 2, ownerOf(2));
        uint256 required = MIN_STAKE_PER_GPU * 4;
        vm.prank(ownerOf(2));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.InsufficientStake.selector, required - 1, required));
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(2), sig2, GPU_MODEL, 4, 24, META_CID, required - 1);
    }

    function test_Register_StakeAboveUint128_RevertsAmountTooLarge() public {
        bytes memory sig2 = operatorSignature(registry, 2, ownerOf(2));
        uint256 huge = uint256(type(uint128).max) + 1;
        vm.prank(ownerOf(2));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.AmountTooLarge.selector, huge, type(uint128).max));
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(2), sig2, GPU_MODEL, 4, 24, META_CID, huge);
    }

    function test_Register_WithoutAllowance_RevertsAndChangesNothing() public {
        bytes memory sig2 = operatorSignature(registry, 2, ownerOf(2));
        vm.prank(ownerOf(2));
        vm.expectRevert();
        registry.register(operatorOf(2), OperatorKeyFixtures.publicKey(2), sig2, GPU_MODEL, 4, 24, META_CID, PROVIDER_STAKE);
        assertFalse(registry.isRegistered(ownerOf(2)), "not registered");
        assertEq(registry.providerOfOperator(operatorOf(2)), address(0), "operator unbound");
    }

    // ------------------------------------------------------------------------------------------------------------
    // addStake / requestUnbond / withdrawUnbonded
    // ------------------------------------------------------------------------------------------------------------

    function test_AddStake_IncreasesStake() public {
        fund(owner1, 50 ether);
        vm.startPrank(owner1);
        token.approve(address(registry), 50 ether);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.StakeAdded(owner1, 50 ether, PROVIDER_STAKE + 50 ether);
        registry.addStake(50 ether);
        vm.stopPrank();
        assertEq(registry.getProvider(owner1).stake, PROVIDER_STAKE + 50 ether, "stake");
    }

    function test_AddStake_Errors() public {
        vm.prank(ownerOf(5));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.addStake(1);
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ZeroAmount.selector));
        registry.addStake(0);
        uint256 tooMuch = uint256(type(uint128).max) - PROVIDER_STAKE + 1;
        vm.prank(owner1);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.AmountTooLarge.selector, PROVIDER_STAKE + tooMuch, type(uint128).max)
        );
        registry.addStake(tooMuch);
    }

    function test_RequestUnbond_ThenWithdrawAfterPeriod() public {
        vm.prank(owner1);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.UnbondRequested(owner1, 300 ether, uint64(START_TIME + UNBONDING_PERIOD), PROVIDER_STAKE - 300 ether);
        registry.requestUnbond(300 ether);
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(owner1);
        assertEq(info.stake, PROVIDER_STAKE - 300 ether, "stake");
        assertEq(info.unbondingStake, 300 ether, "unbonding");
        IProviderRegistry.UnbondingEntry[] memory entries = registry.getUnbonding(owner1);
        assertEq(entries.length, 1, "entries");
        assertEq(entries[0].releaseAt, START_TIME + UNBONDING_PERIOD, "release");

        skipTime(UNBONDING_PERIOD - 1);
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NothingToWithdraw.selector, owner1));
        registry.withdrawUnbonded();

        skipTime(1);
        vm.prank(owner1);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.UnbondedWithdrawn(owner1, 300 ether);
        uint256 paid = registry.withdrawUnbonded();
        assertEq(paid, 300 ether, "paid");
        assertEq(token.balanceOf(owner1), 300 ether, "received");
        assertEq(registry.getProvider(owner1).unbondingStake, 0, "unbonding cleared");
        assertEq(registry.getUnbonding(owner1).length, 0, "queue empty");
    }

    function test_WithdrawUnbonded_KeepsImmatureEntries() public {
        vm.prank(owner1);
        registry.requestUnbond(100 ether);
        skipTime(30);
        vm.prank(owner1);
        registry.requestUnbond(200 ether);
        skipTime(30);
        vm.prank(owner1);
        assertEq(registry.withdrawUnbonded(), 100 ether, "first only");
        IProviderRegistry.UnbondingEntry[] memory entries = registry.getUnbonding(owner1);
        assertEq(entries.length, 1, "one left");
        assertEq(entries[0].amount, 200 ether, "second kept");
    }

    function test_RequestUnbond_Errors() public {
        vm.prank(ownerOf(5));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.requestUnbond(1);
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ZeroAmount.selector));
        registry.requestUnbond(0);
        vm.prank(owner1);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.InsufficientFreeStake.selector, owner1, PROVIDER_STAKE, PROVIDER_STAKE + 1)
        );
        registry.requestUnbond(PROVIDER_STAKE + 1);
    }

    function test_RequestUnbond_LockedStakeCannotBeUnbonded() public {
        vm.prank(slasher);
        registry.lockStake(operatorOf(1), 700 ether);
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.InsufficientFreeStake.selector, owner1, 300 ether, 301 ether));
        registry.requestUnbond(301 ether);
        vm.prank(owner1);
        registry.requestUnbond(300 ether);
        assertEq(registry.freeStake(owner1), 0, "no free stake left");
    }

    function test_RequestUnbond_QueueFull_Reverts() public {
        for (uint256 i = 0; i < 16; ++i) {
            vm.prank(owner1);
            registry.requestUnbond(1 ether);
        }
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.UnbondingQueueFull.selector, owner1, 16));
        registry.requestUnbond(1 ether);
    }

    function test_WithdrawUnbonded_NotRegistered_Reverts() public {
        vm.prank(ownerOf(5));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.withdrawUnbonded();
    }

    // ------------------------------------------------------------------------------------------------------------
    // changeOperator / updateMetadata
    // ------------------------------------------------------------------------------------------------------------

    function test_ChangeOperator_MovesBindingAndHeartbeat() public {
        skipTime(3);
        heartbeat(1);
        uint64 beat = registry.lastHeartbeat(owner1);
        bytes memory newPeerId = registry.peerIdOf(OperatorKeyFixtures.publicKey(7));
        bytes memory consent = operatorSignature(registry, 7, owner1);
        vm.prank(owner1);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.OperatorChanged(owner1, operatorOf(1), operatorOf(7), newPeerId);
        registry.changeOperator(operatorOf(7), OperatorKeyFixtures.publicKey(7), consent);
        assertEq(registry.operatorOf(owner1), operatorOf(7), "new operator");
        assertEq(registry.providerOfOperator(operatorOf(1)), address(0), "old operator unbound");
        assertEq(registry.providerOfOperator(operatorOf(7)), owner1, "new operator bound");
        assertEq(registry.lastHeartbeat(owner1), beat, "heartbeat carried over");
        vm.prank(operatorOf(1));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.UnknownOperator.selector, operatorOf(1)));
        registry.heartbeat();
    }

    function test_ChangeOperator_Errors() public {
        vm.prank(ownerOf(5));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.changeOperator(operatorOf(7), OperatorKeyFixtures.publicKey(7), "");
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.OperatorInUse.selector, operatorOf(1), owner1));
        registry.changeOperator(operatorOf(1), OperatorKeyFixtures.publicKey(1), "");
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.PublicKeyMismatch.selector, operatorOf(7), operatorOf(8)));
        registry.changeOperator(operatorOf(7), OperatorKeyFixtures.publicKey(8), "");
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ZeroAddress.selector, bytes32("operator")));
        registry.changeOperator(address(0), OperatorKeyFixtures.publicKey(8), "");
    }

    function test_UpdateMetadata() public {
        bytes memory newCid = hex"0155122001";
        vm.prank(owner1);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.MetadataUpdated(owner1, newCid);
        registry.updateMetadata(newCid);
        assertEq(registry.getProvider(owner1).metadataCid, newCid, "metadata");
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.InvalidCid.selector, 0, 128));
        registry.updateMetadata("");
        vm.prank(ownerOf(5));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.updateMetadata(newCid);
    }

    // ------------------------------------------------------------------------------------------------------------
    // heartbeat / liveness
    // ------------------------------------------------------------------------------------------------------------

    function test_Heartbeat_UpdatesLastHeartbeat_AndLivenessExpires() public {
        skipTime(5);
        vm.prank(operatorOf(1));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.HeartbeatRecorded(owner1);
        registry.heartbeat();
        assertEq(registry.lastHeartbeat(owner1), START_TIME + 5, "recorded");
        skipTime(HEARTBEAT_TIMEOUT);
        assertTrue(registry.isLive(owner1), "live at exactly the timeout");
        skipTime(1);
        assertFalse(registry.isLive(owner1), "dead after the timeout");
        assertFalse(registry.isEligible(owner1), "not eligible when dead");
    }

    function test_Heartbeat_UnknownOperator_Reverts() public {
        vm.prank(owner1); // the owner is not the operator
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.UnknownOperator.selector, owner1));
        registry.heartbeat();
    }

    // ------------------------------------------------------------------------------------------------------------
    // market role: lockStake / unlockStake / slash / jail
    // ------------------------------------------------------------------------------------------------------------

    function test_MarketFunctions_WithoutRole_Revert() public {
        bytes memory missing = abi.encodeWithSelector(IProviderRegistry.NotMarket.selector, tenant);
        vm.startPrank(tenant);
        vm.expectRevert(missing);
        registry.lockStake(operatorOf(1), 1);
        vm.expectRevert(missing);
        registry.unlockStake(owner1, 1);
        vm.expectRevert(missing);
        registry.slash(owner1, 1);
        vm.expectRevert(missing);
        registry.jail(owner1);
        vm.stopPrank();
    }

    function test_LockStake_ReturnsProfile_AndLocks() public {
        vm.prank(slasher);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.StakeLocked(owner1, 100 ether, 100 ether);
        (address provider, bytes32 modelHash, uint32 gpus, uint32 vram) = registry.lockStake(operatorOf(1), 100 ether);
        assertEq(provider, owner1, "provider");
        assertEq(modelHash, keccak256(bytes(GPU_MODEL)), "model hash");
        assertEq(gpus, PROVIDER_GPUS, "gpus");
        assertEq(vram, PROVIDER_VRAM, "vram");
        assertEq(registry.getProvider(owner1).lockedStake, 100 ether, "locked");
        assertEq(registry.freeStake(owner1), PROVIDER_STAKE - 100 ether, "free");
    }

    function test_LockStake_Errors() public {
        vm.startPrank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.UnknownOperator.selector, operatorOf(5)));
        registry.lockStake(operatorOf(5), 1);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.InsufficientFreeStake.selector, owner1, PROVIDER_STAKE, PROVIDER_STAKE + 1)
        );
        registry.lockStake(operatorOf(1), PROVIDER_STAKE + 1);
        registry.jail(owner1);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.ProviderIsJailed.selector, owner1, uint64(START_TIME + JAIL_PERIOD))
        );
        registry.lockStake(operatorOf(1), 1);
        vm.stopPrank();
    }

    function test_LockStake_UnderStaked_Reverts() public {
        // 4 GPUs need 400; unbond down to 399 (allowed: exiting), then offers are refused
        vm.prank(owner1);
        registry.requestUnbond(PROVIDER_STAKE - 399 ether);
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ProviderUnderStaked.selector, owner1, 399 ether, 400 ether));
        registry.lockStake(operatorOf(1), 1);
    }

    function test_UnlockStake_MoreThanLocked_Reverts() public {
        vm.startPrank(slasher);
        registry.lockStake(operatorOf(1), 10);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.LockedStakeUnderflow.selector, owner1, 10, 11));
        registry.unlockStake(owner1, 11);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.StakeUnlocked(owner1, 10, 0);
        registry.unlockStake(owner1, 10);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.unlockStake(ownerOf(5), 1);
        vm.stopPrank();
    }

    function test_Slash_TakesBondedStake_TransfersToCaller() public {
        vm.prank(slasher);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ProviderSlashed(owner1, 100 ether, 0, slasher);
        uint256 slashed = registry.slash(owner1, 100 ether);
        assertEq(slashed, 100 ether, "slashed");
        assertEq(token.balanceOf(slasher), 100 ether, "recipient");
        assertEq(registry.getProvider(owner1).stake, PROVIDER_STAKE - 100 ether, "stake");
    }

    function test_Slash_UnbondingStakeStaysSlashable_NewestFirst() public {
        vm.startPrank(owner1);
        registry.requestUnbond(400 ether);
        registry.requestUnbond(500 ether);
        vm.stopPrank();
        // bonded 100, unbonding 400 + 500: a 700 slash takes 100 bonded, then 500 (newest) and 100 of the 400
        vm.prank(slasher);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ProviderSlashed(owner1, 700 ether, 600 ether, slasher);
        assertEq(registry.slash(owner1, 700 ether), 700 ether, "slashed");
        IProviderRegistry.UnbondingEntry[] memory entries = registry.getUnbonding(owner1);
        assertEq(entries.length, 1, "newest entry consumed");
        assertEq(entries[0].amount, 300 ether, "older entry reduced");
        IProviderRegistry.ProviderInfo memory info = registry.getProvider(owner1);
        assertEq(info.stake, 0, "bonded gone");
        assertEq(info.unbondingStake, 300 ether, "unbonding total");
        skipTime(UNBONDING_PERIOD);
        vm.prank(owner1);
        assertEq(registry.withdrawUnbonded(), 300 ether, "only the rest comes back");
    }

    function test_Slash_NeverExceedsStake() public {
        vm.prank(owner1);
        registry.requestUnbond(200 ether);
        vm.prank(slasher);
        assertEq(registry.slash(owner1, 5000 ether), PROVIDER_STAKE, "capped at stake + unbonding");
        assertEq(token.balanceOf(address(registry)), 0, "registry emptied exactly");
        vm.prank(slasher);
        assertEq(registry.slash(owner1, 1 ether), 0, "nothing left");
    }

    function test_Slash_Errors() public {
        vm.startPrank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ZeroAmount.selector));
        registry.slash(owner1, 0);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.slash(ownerOf(5), 1);
        vm.stopPrank();
    }

    function test_Jail_ThenUnjailAfterPeriod() public {
        vm.prank(slasher);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ProviderJailed(owner1, uint64(START_TIME + JAIL_PERIOD));
        registry.jail(owner1);
        assertTrue(registry.isJailed(owner1), "jailed");
        assertFalse(registry.isEligible(owner1), "not eligible");
        vm.prank(owner1);
        vm.expectRevert(
            abi.encodeWithSelector(IProviderRegistry.JailPeriodNotOver.selector, owner1, uint64(START_TIME + JAIL_PERIOD))
        );
        registry.unjail();
        skipTime(JAIL_PERIOD);
        vm.prank(owner1);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ProviderUnjailed(owner1);
        registry.unjail();
        assertFalse(registry.isJailed(owner1), "free");
        vm.prank(owner1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ProviderNotJailed.selector, owner1));
        registry.unjail();
    }

    function test_Jail_NeverShortensAJail() public {
        IProviderRegistry.RegistryParameters memory next = registryParameters();
        next.jailPeriod = 3 days; // longer than the parameter delay
        changeRegistryParameters(next);
        vm.prank(slasher);
        registry.jail(owner1);
        uint256 jailedUntil = block.timestamp + 3 days;
        next.jailPeriod = 60;
        changeRegistryParameters(next); // applies 2 days later, before the long jail ends
        vm.prank(slasher);
        registry.jail(owner1);
        assertEq(registry.getProvider(owner1).jailedUntil, jailedUntil, "kept the longer jail");
    }

    function test_Jail_Unjail_NotRegistered_Revert() public {
        vm.prank(slasher);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.jail(ownerOf(5));
        vm.prank(ownerOf(5));
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NotRegistered.selector, ownerOf(5)));
        registry.unjail();
    }

    // ------------------------------------------------------------------------------------------------------------
    // parameters
    // ------------------------------------------------------------------------------------------------------------

    function test_Parameters_InitialValues() public view {
        IProviderRegistry.RegistryParameters memory p = registry.parameters();
        assertEq(p.minStakePerGpu, MIN_STAKE_PER_GPU, "min stake");
        assertEq(p.unbondingPeriod, UNBONDING_PERIOD, "unbonding");
        assertEq(p.jailPeriod, JAIL_PERIOD, "jail");
        assertEq(p.heartbeatInterval, HEARTBEAT_INTERVAL, "interval");
        assertEq(p.heartbeatTimeout, HEARTBEAT_TIMEOUT, "timeout");
        assertEq(registry.minStakePerGpu(), MIN_STAKE_PER_GPU, "getter");
        assertEq(registry.unbondingPeriod(), UNBONDING_PERIOD, "getter");
        assertEq(registry.jailPeriod(), JAIL_PERIOD, "getter");
        assertEq(registry.heartbeatInterval(), HEARTBEAT_INTERVAL, "getter");
        assertEq(registry.heartbeatTimeout(), HEARTBEAT_TIMEOUT, "getter");
        assertEq(registry.stakeToken(), address(token), "token");
    }

    function test_ScheduledParameters_ApplyAfterTheDelay_AndEmit() public {
        IProviderRegistry.RegistryParameters memory next = IProviderRegistry.RegistryParameters({
            minStakePerGpu: 5 ether,
            unbondingPeriod: 7 days,
            jailPeriod: 1 days,
            heartbeatInterval: 60,
            heartbeatTimeout: 180
        });
        uint64 effectiveAt = uint64(block.timestamp) + registry.PARAMETER_DELAY();
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.RegistryParametersScheduled(next, effectiveAt);
        vm.prank(admin);
        registry.scheduleParameters(next);
        skipTime(registry.PARAMETER_DELAY() - 1);
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ParametersNotYetEffective.selector, effectiveAt));
        registry.applyScheduledParameters();
        skipTime(1);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ParameterUpdated("minStakePerGpu", MIN_STAKE_PER_GPU, 5 ether);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ParameterUpdated("unbondingPeriod", UNBONDING_PERIOD, 7 days);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ParameterUpdated("jailPeriod", JAIL_PERIOD, 1 days);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ParameterUpdated("heartbeatInterval", HEARTBEAT_INTERVAL, 60);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IProviderRegistry.ParameterUpdated("heartbeatTimeout", HEARTBEAT_TIMEOUT, 180);
        vm.prank(tenant);
        registry.applyScheduledParameters();
        assertEq(registry.minStakePerGpu(), 5 ether, "min stake");
        assertEq(registry.unbondingPeriod(), 7 days, "unbonding");
        assertEq(registry.jailPeriod(), 1 days, "jail");
        assertEq(registry.heartbeatTimeout(), 180, "timeout");
        (, uint64 at) = registry.scheduledParameters();
        assertEq(at, 0, "nothing scheduled");
    }

    function test_ScheduledParameters_Cancel() public {
        vm.prank(admin);
        registry.scheduleParameters(registryParameters());
        vm.prank(admin);
        registry.cancelScheduledParameters();
        skipTime(registry.PARAMETER_DELAY());
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.NoScheduledParameters.selector));
        registry.applyScheduledParameters();
    }

    function test_ScheduledParameters_OutOfRange_Revert() public {
        vm.startPrank(admin);
        IProviderRegistry.RegistryParameters memory p = registryParameters();
        p.minStakePerGpu = 0;
        expectOutOfRange("minStakePerGpu", 0, 1, 1e30);
        registry.scheduleParameters(p);
        p = registryParameters();
        p.unbondingPeriod = 90 days + 1;
        expectOutOfRange("unbondingPeriod", 90 days + 1, 60, 90 days);
        registry.scheduleParameters(p);
        p = registryParameters();
        p.jailPeriod = 59;
        expectOutOfRange("jailPeriod", 59, 60, 90 days);
        registry.scheduleParameters(p);
        p = registryParameters();
        p.heartbeatInterval = 3601;
        expectOutOfRange("heartbeatInterval", 3601, 1, 3600);
        registry.scheduleParameters(p);
        p = registryParameters();
        p.heartbeatTimeout = 3;
        expectOutOfRange("heartbeatTimeout", 3, 4, 1 days);
        registry.scheduleParameters(p);
        vm.stopPrank();
    }

    function test_Schedule_WithoutRole_Reverts() public {
        bytes32 role = registry.PARAMETER_ROLE();
        bytes memory missing = abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, tenant, role);
        vm.startPrank(tenant);
        vm.expectRevert(missing);
        registry.scheduleParameters(registryParameters());
        vm.expectRevert(missing);
        registry.cancelScheduledParameters();
        vm.stopPrank();
    }

    function test_Constructor_ZeroAddresses_Revert() public {
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ZeroAddress.selector, bytes32("stakeToken")));
        new ProviderRegistry(DevToken(address(0)), registryParameters(), admin);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, address(0))
        );
        new ProviderRegistry(token, registryParameters(), address(0));
        IProviderRegistry.RegistryParameters memory bad = registryParameters();
        bad.heartbeatTimeout = 1;
        expectOutOfRange("heartbeatTimeout", 1, 4, 1 days);
        new ProviderRegistry(token, bad, admin);
    }

    // ------------------------------------------------------------------------------------------------------------
    // helpers
    // ------------------------------------------------------------------------------------------------------------

    function expectOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max) internal {
        vm.expectRevert(abi.encodeWithSelector(IProviderRegistry.ParameterOutOfRange.selector, name, value, min, max));
    }

    function expectRegisterRevert(
        address owner,
        uint256 keyIndex,
        bytes memory revertData,
        string memory model,
        uint32 gpus,
        uint32 vram
    ) internal {
        bytes memory consent = operatorSignature(registry, keyIndex, owner);
        vm.prank(owner);
        vm.expectRevert(revertData);
        registry.register(
            operatorOf(keyIndex),
            OperatorKeyFixtures.publicKey(keyIndex),
            consent,
            model,
            gpus,
            vram,
            META_CID,
            PROVIDER_STAKE
        );
    }
}

/// @notice Stands in for the market in registry tests: bindMarket only asks it for its registry.
contract RegistryBoundStub {
    address public immutable registry;

    constructor(address registry_) {
        registry = registry_;
    }
}
