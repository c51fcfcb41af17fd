// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IProviderRegistry} from "./interfaces/IProviderRegistry.sol";
import {MarketBase} from "./market/MarketBase.sol";
import {MarketStorage} from "./market/MarketStorage.sol";
import {LeaseReasons} from "./libraries/LeaseReasons.sol";
import {OfferBook, OFFER_BOOK_SIZE} from "./libraries/OfferBook.sol";
import {Settlement} from "./libraries/Settlement.sol";

/// @title Second code half of LeaseMarket: order intake, tenant-side closing, standby exit, parameter setters
/// @notice Executed only by delegatecall from LeaseMarket (which declares every function of ILeaseMarket and
/// forwards these), on LeaseMarket's storage. It exists because the whole market does not fit the 24 KiB code size
/// limit (EIP-170); none of these calls has a gas bound, so they pay the extra delegatecall.
/// @dev Shares MarketBase with LeaseMarket and declares no state: identical storage layout.
contract LeaseMarketExtension is MarketBase {
    using SafeERC20 for IERC20;

    /// @notice Raised when someone calls the extension directly instead of through LeaseMarket.
    error DirectCallNotAllowed();

    address private immutable _self;

    constructor(IProviderRegistry registry_) MarketStorage(registry_) {
        _self = address(this);
    }

    /// @notice The registry this extension was built for (LeaseMarket checks it matches its own).
    function extensionRegistry() external view returns (address) {
        return address(_registry);
    }

    modifier onlyDelegated() {
        if (address(this) == _self) revert DirectCallNotAllowed();
        _;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Orders and standbys
    // ------------------------------------------------------------------------------------------------------------

    function createOrder(OrderRequest calldata request) external onlyDelegated nonReentrant returns (uint256 orderId) {
        orderId = _createOrder(request);
        _token.safeTransferFrom(msg.sender, address(this), request.escrow);
    }

    function createOrderWithPermit(
        OrderRequest calldata request,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external onlyDelegated nonReentrant returns (uint256 orderId) {
        // A permit already consumed (e.g. by a front-runner replaying it) must not block the order: only the
        // resulting allowance matters.
        try IERC20Permit(address(_token)).permit(msg.sender, address(this), request.escrow, permitDeadline, v, r, s) {}
        catch {}
        uint256 allowance = _token.allowance(msg.sender, address(this));
        if (allowance < request.escrow) revert PermitAllowanceTooLow(allowance, request.escrow);
        orderId = _createOrder(request);
        _token.safeTransferFrom(msg.sender, address(this), request.escrow);
    }

    function cancelOrder(uint256 orderId) external onlyDelegated nonReentrant {
        OrderRecord storage order = _openOrder(orderId);
        if (msg.sender != order.tenant) revert NotTenant(orderId, msg.sender);
        uint256 refund = order.escrow;
        order.escrow = 0;
        order.state = OrderState.Cancelled;
        _withdrawable[msg.sender] += refund;
        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        for (uint256 i = 0; i < order.offerCount; ++i) {
            _unlock(OfferBook.providerOf(book[i]), order.stakePerPosition);
        }
        emit OrderCancelled(orderId, refund);
    }

    function leaveStandby(uint256 orderId) external onlyDelegated nonReentrant {
        OrderRecord storage order = _existingOrder(orderId);
        if (order.state != OrderState.Finalized) revert InvalidOrderState(orderId, order.state);
        address provider = _registry.isRegistered(msg.sender) ? msg.sender : _providerOf(msg.sender);
        uint256[OFFER_BOOK_SIZE] storage book = _offerBooks[orderId];
        uint64 queue = order.standbyQueue;
        for (uint256 position = order.standbyHead; position < order.standbyCount; ++position) {
            uint256 index = OfferBook.queueAt(queue, position);
            uint256 entry = book[index];
            if (entry != 0 && OfferBook.providerOf(entry) == provider) {
                book[index] = 0;
                _unlock(provider, order.stakePerPosition);
                emit StandbyLeft(orderId, provider);
                return;
            }
        }
        revert NotStandby(orderId, provider == address(0) ? msg.sender : provider);
    }


    function _createOrder(OrderRequest calldata request) private returns (uint256 orderId) {
        _checkRequest(request);
        orderId = ++_orderCount;
        OrderRecord storage order = _orders[orderId];
        order.tenant = msg.sender;
        order.kind = request.kind;
        order.state = OrderState.Open;
        order.replicas = request.replicas;
        order.standbys = request.standbys;
        order.gpusPerReplica = request.gpusPerReplica;
        order.maxPricePerSecond = uint80(request.maxPricePerSecond);
        order.maxDuration = uint40(request.maxDuration);
        order.bidWindow = uint40(request.bidWindow);
        uint40 bidDeadline = uint40(block.timestamp + request.bidWindow);
        order.bidDeadline = bidDeadline;
        order.createdAt = uint40(block.timestamp);
        order.escrow = uint128(request.escrow);
        order.stakePerPosition = uint128(_registry.minStakePerGpu() * request.gpusPerReplica);
        PackedParameters memory current = _parameters;
        order.terms = LeaseTerms({
            startDeadline: current.startDeadline,
            heartbeatTimeout: uint32(_registry.heartbeatTimeout()),
            slashBps: current.slashBps,
            minorSlashBps: current.minorSlashBps,
            finderFeeBps: current.finderFeeBps,
            protocolFeeBps: current.protocolFeeBps
        });
        order.minVramGb = request.minVramGb;
        order.specCid = request.specCid;
        if (bytes(request.gpuModel).length != 0) {
            order.gpuModelHash = keccak256(bytes(request.gpuModel));
            order.gpuModel = request.gpuModel;
        }
        emit OrderCreated(
            orderId,
            msg.sender,
            request.kind,
            request.specCid,
            request.replicas,
            request.standbys,
            request.maxPricePerSecond,
            bidDeadline,
            request.escrow
        );
    }

    function _checkRequest(OrderRequest calldata request) private view {
        _checkCid(request.specCid);
        uint256 modelLength = bytes(request.gpuModel).length;
        if (modelLength > MAX_GPU_MODEL_LENGTH) revert InvalidGpuModel(modelLength, MAX_GPU_MODEL_LENGTH);
        _checkField("gpusPerReplica", request.gpusPerReplica, 1, MAX_GPUS_PER_REPLICA);
        _checkField("replicas", request.replicas, 1, MAX_REPLICAS);
        uint256 standbyRoom = OfferBook.MAX_POSITIONS - request.replicas;
        _checkField("standbys", request.standbys, 0, standbyRoom < MAX_STANDBYS ? standbyRoom : MAX_STANDBYS);
        _checkField("maxPricePerSecond", request.maxPricePerSecond, 1, OfferBook.MAX_PRICE);
        _checkField("maxDuration", request.maxDuration, MIN_DURATION, MAX_DURATION);
        _checkField("bidWindow", request.bidWindow, 1, MAX_BID_WINDOW);
        uint256 required = uint256(request.replicas) * request.maxPricePerSecond * _parameters.minPrepaidSeconds;
        if (request.escrow < required) revert EscrowTooLow(request.escrow, required);
        if (request.escrow > type(uint128).max) revert AmountTooLarge(request.escrow, type(uint128).max);
    }

    function _checkField(bytes32 field, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert OrderValueOutOfRange(field, value, min, max);
    }

    function topUp(uint256 leaseId, uint256 amount) external onlyDelegated nonReentrant {
        LeaseRecord storage lease = _existingLease(leaseId);
        if (lease.state == LeaseState.Closed) revert InvalidLeaseState(leaseId, lease.state);
        if (amount == 0) revert ZeroAmount();
        uint256 escrow = uint256(lease.escrow) + amount;
        if (escrow > type(uint128).max) revert AmountTooLarge(escrow, type(uint128).max);
        lease.escrow = uint128(escrow);
        emit LeaseToppedUp(leaseId, msg.sender, amount, escrow);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function closeLease(uint256 leaseId) external onlyDelegated nonReentrant {
        LeaseRecord storage lease = _existingLease(leaseId);
        OrderRecord storage order = _orders[lease.orderId];
        if (msg.sender != order.tenant) revert NotTenant(lease.orderId, msg.sender);
        LeaseState state = lease.state;
        if (state == LeaseState.Closed) revert InvalidLeaseState(leaseId, state);
        if (state == LeaseState.Running) _settle(leaseId, lease, _finalCutoff(lease));
        _close(leaseId, lease, order, LeaseReasons.TENANT_CLOSED);
    }

    function closeDueLease(uint256 leaseId) external onlyDelegated nonReentrant {
        LeaseRecord storage lease = _existingLease(leaseId);
        LeaseState state = lease.state;
        if (state == LeaseState.Closed) revert InvalidLeaseState(leaseId, state);
        OrderRecord storage order = _orders[lease.orderId];
        // Expiry is no exit from a fault (issue 11 F4): a lease that became reportable, or an acknowledgement that
        // timed out, is settled as that fault first (no finder's fee: the whole slash goes to the escrow). The
        // hand-over then closes the lease if it is past its end.
        if (_isReportable(lease)) {
            _settleMissedHeartbeat(leaseId, lease, order, address(0));
            return;
        }
        if (state == LeaseState.Assigned && block.timestamp > lease.assignedAt + order.terms.startDeadline) {
            _settleStartTimeout(leaseId, lease, order, address(0));
            return;
        }
        if (state == LeaseState.Reassigning && block.timestamp > lease.reassignDeadline) {
            _close(leaseId, lease, order, LeaseReasons.NO_REPLACEMENT);
        } else if (block.timestamp >= lease.endsAt) {
            if (state == LeaseState.Running) _settle(leaseId, lease, _finalCutoff(lease));
            _close(leaseId, lease, order, LeaseReasons.EXPIRED);
        } else if (
            state == LeaseState.Running
                && Settlement.exceedsEscrow(lease.pricePerSecond, lease.settledUntil, block.timestamp, lease.escrow)
        ) {
            _settle(leaseId, lease, _finalCutoff(lease));
            _close(leaseId, lease, order, LeaseReasons.INSUFFICIENT_FUNDS);
        } else {
            revert LeaseNotDue(leaseId);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Parameters
    // ------------------------------------------------------------------------------------------------------------

    function scheduleParameters(MarketParameters calldata next) external onlyDelegated onlyParameterRole {
        _scheduleParameters(next);
    }

    function cancelScheduledParameters() external onlyDelegated onlyParameterRole {
        _cancelScheduledParameters();
    }

    function applyScheduledParameters() external onlyDelegated {
        _applyScheduledParameters();
    }

    /// @dev The market has no roles of its own: the registry's PARAMETER_ROLE governs both contracts.
    modifier onlyParameterRole() {
        if (!IAccessControl(address(_registry)).hasRole(PARAMETER_ROLE, msg.sender)) {
            revert AccessControlUnauthorizedAccount(msg.sender, PARAMETER_ROLE);
        }
        _;
    }
}
