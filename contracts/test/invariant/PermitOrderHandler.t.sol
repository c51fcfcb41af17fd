// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {DevToken} from "../../test-token/DevToken.sol";
import {ProviderRegistry} from "../../ProviderRegistry.sol";
import {ILeaseMarket} from "../../interfaces/ILeaseMarket.sol";
import {AttackGhosts} from "./AttackGhosts.t.sol";
import {HandlerBase} from "./HandlerBase.t.sol";
import {orderShape} from "./OrderShapes.t.sol";

/// @title Invariant-test actors of createOrderWithPermit: a tenant that never approves the market signs an EIP-2612
/// permit for each order; attackers bring an expired permit, one signed by another key, a replayed one and one for
/// less than the escrow
/// @dev The honest handler finds orders by id, so it offers on, finalizes, tops up and closes these orders like its
/// own. The tenant's refunds are summed through the ghosts' accounts.
contract PermitOrderHandler is HandlerBase {
    uint256 public constant TENANT_KEY = 0x7E4A4900;
    uint256 internal constant MAX_ORDERS = 28; // the honest handler stops at 24; permit orders may add a few
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    address public immutable permitTenant;

    /// @dev The last permit the market consumed, for the replay attack.
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    Permit internal _used;

    /// @dev What a refused attempt must leave as it was.
    struct Snapshot {
        uint256 orders;
        uint256 marketBalance;
        uint256 tenantBalance;
        uint256 nonce;
        uint256 allowance;
    }

    constructor(DevToken token_, ProviderRegistry registry_, ILeaseMarket market_, AttackGhosts ghosts_, address[] memory owners_)
        HandlerBase(token_, registry_, market_, ghosts_, owners_)
    {
        permitTenant = vm.addr(TENANT_KEY);
        ghosts_.addAccount(permitTenant); // its refunds are withdrawable balances the conservation sum must include
    }

    /// @notice The tenant signs a permit for exactly the escrow and creates the order in one call.
    function createOrderWithPermit(uint256 shapeSeed, uint256 priceSeed, uint256 deadlineSeed) external {
        if (market.orderCount() >= MAX_ORDERS) return;
        OrderRequest memory request = _request(shapeSeed, priceSeed);
        if (token.balanceOf(permitTenant) < request.escrow) return;
        Permit memory permit = _sign(TENANT_KEY, request.escrow, block.timestamp + deadlineSeed % 600);
        Snapshot memory before = _snapshot();
        vm.prank(permitTenant);
        try market.createOrderWithPermit(request, permit.deadline, permit.v, permit.r, permit.s) returns (uint256 id) {
            _checkCreated(id, request, before);
            _used = permit;
            ghosts.count("permitOrder");
        } catch (bytes memory reason) {
            // a parameter change may make the shape invalid (EscrowTooLow, ...), but never the permit itself
            if (bytes4(reason) == PermitAllowanceTooLow.selector) ghosts.fail("permit", "a valid permit was refused");
            _expectUnchanged(before);
        }
    }

    /// @notice An attacker's permit: 0 expired, 1 signed by another key, 2 the last consumed permit replayed (to the
    /// market, and to the token directly), 3 signed for one wei less than the escrow, 4 the same permit for less
    /// applied to the token first (the market then finds an allowance one wei short). Each must be refused with
    /// PermitAllowanceTooLow (the market ignores a failing permit and checks the allowance) and change nothing.
    function badPermit(uint256 kind, uint256 shapeSeed, uint256 priceSeed) external {
        kind %= 5;
        OrderRequest memory request = _request(shapeSeed, priceSeed);
        Permit memory permit;
        if (kind == 0) {
            permit = _sign(TENANT_KEY, request.escrow, block.timestamp - 1 - priceSeed % 100);
        } else if (kind == 1) {
            permit = _sign(TENANT_KEY + 1 + shapeSeed % 3, request.escrow, block.timestamp + 60);
        } else if (kind == 2) {
            if (_used.value == 0) return;
            permit = _used;
            request.escrow = permit.value;
            _replayToToken(permit);
        } else {
            permit = _sign(TENANT_KEY, request.escrow - 1, block.timestamp + 60);
            if (kind == 4) token.permit(permitTenant, address(market), permit.value, permit.deadline, permit.v, permit.r, permit.s);
        }
        Snapshot memory before = _snapshot();
        vm.prank(permitTenant);
        (bool ok, bytes memory reason) = address(market).call(
            abi.encodeCall(ILeaseMarket.createOrderWithPermit, (request, permit.deadline, permit.v, permit.r, permit.s))
        );
        _expectRefused(ok, reason, abi.encodeWithSelector(PermitAllowanceTooLow.selector, before.allowance, request.escrow));
        _expectUnchanged(before);
        if (kind == 4) {
            vm.prank(permitTenant);
            token.approve(address(market), 0); // the tenant revokes the stray allowance (later attacks expect none)
        }
        bytes32[5] memory names =
            [bytes32("permitExpired"), "permitWrongSigner", "permitReplayed", "permitTooLow", "permitTooLowApplied"];
        ghosts.count(names[kind]);
    }

    /// @dev A consumed permit sent to the token itself: its nonce is spent, so the signature recovers another signer.
    function _replayToToken(Permit memory permit) private {
        Snapshot memory before = _snapshot();
        (bool ok, bytes memory reason) = address(token).call(
            abi.encodeCall(token.permit, (permitTenant, address(market), permit.value, permit.deadline, permit.v, permit.r, permit.s))
        );
        bool expired = block.timestamp > permit.deadline;
        if (ok) ghosts.fail("permit", "a consumed permit was accepted again by the token");
        else if (expired ? keccak256(reason) != keccak256(abi.encodeWithSelector(ERC2612ExpiredSignature.selector, permit.deadline))
            : bytes4(reason) != ERC2612InvalidSigner.selector || _word(reason, 1) != uint256(uint160(permitTenant))) {
            ghosts.fail("permit", "a replayed permit was refused by the token for another reason");
        }
        _expectUnchanged(before);
    }

    /// @dev The `index`-th 32-byte argument of an error's data.
    function _word(bytes memory data, uint256 index) private pure returns (uint256 value) {
        assembly {
            value := mload(add(data, add(36, mul(index, 32))))
        }
    }

    function _checkCreated(uint256 orderId, OrderRequest memory request, Snapshot memory before) private {
        OrderInfo memory order = market.getOrder(orderId);
        if (order.tenant != permitTenant || order.escrow != request.escrow) {
            ghosts.fail("permit", "a permit order has the wrong tenant or escrow");
        }
        if (token.balanceOf(permitTenant) + request.escrow != before.tenantBalance
            || token.balanceOf(address(market)) != before.marketBalance + request.escrow) {
            ghosts.fail("permit", "a permit order moved other than its escrow");
        }
        if (token.nonces(permitTenant) != before.nonce + 1 || token.allowance(permitTenant, address(market)) != before.allowance) {
            ghosts.fail("permit", "a permit order left the nonce or the allowance wrong");
        }
    }

    function _expectRefused(bool ok, bytes memory reason, bytes memory expected) private {
        if (ok) ghosts.fail("permit", "a bad permit created an order");
        else if (keccak256(reason) != keccak256(expected)) ghosts.fail("permit", "a bad permit was refused for another reason");
    }

    function _expectUnchanged(Snapshot memory before) private {
        Snapshot memory after_ = _snapshot();
        if (keccak256(abi.encode(before)) != keccak256(abi.encode(after_))) {
            ghosts.fail("permit", "a refused permit changed an order count, a balance, the nonce or the allowance");
        }
    }

    function _snapshot() private view returns (Snapshot memory) {
        return Snapshot({
            orders: market.orderCount(),
            marketBalance: token.balanceOf(address(market)),
            tenantBalance: token.balanceOf(permitTenant),
            nonce: token.nonces(permitTenant),
            allowance: token.allowance(permitTenant, address(market))
        });
    }

    function _sign(uint256 key, uint256 value, uint256 deadline) private view returns (Permit memory permit) {
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, permitTenant, address(market), value, token.nonces(permitTenant), deadline));
        bytes32 digest = keccak256(abi.encodePacked(hex"1901", token.DOMAIN_SEPARATOR(), structHash));
        (permit.v, permit.r, permit.s) = vm.sign(key, digest);
        (permit.value, permit.deadline) = (value, deadline);
    }

    /// @dev The same shapes as the honest handler's orders (any provider may serve them).
    function _request(uint256 shapeSeed, uint256 priceSeed) private pure returns (OrderRequest memory) {
        return orderShape(hex"0155122003", (shapeSeed >> 4) % 2 == 0 ? OrderKind.Stateful : OrderKind.Stateless, shapeSeed, priceSeed);
    }

    error ERC2612ExpiredSignature(uint256 deadline);
    error ERC2612InvalidSigner(address signer, address owner);
}
