using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.TenantCli.Chain;

namespace DePinGpu.TenantCli.Cli;

/// <summary>
/// The sentence a tenant reads for each contract revert the CLI's own transactions can meet (order create with its
/// permit, finalize, cancel, lease close and top-up, withdraw, wallet fund): named, in tokens rather than wei, and
/// ending with the depin command or flag that fixes it. Other reverts keep src/Protocol's sentence.
/// </summary>
internal static class RevertAdvice
{
    /// <summary>"&lt;operation&gt; was rejected by the contract (&lt;error&gt;): &lt;what it means and what to do&gt;".</summary>
    public static string Describe(ContractRevertException revert)
    {
        ArgumentNullException.ThrowIfNull(revert);
        return Explain(revert) is { } sentence ? $"{revert.Operation} was rejected by the contract ({revert.ErrorName}): {sentence}" : revert.Message;
    }

    private static string? Explain(ContractRevertException revert) => revert switch
    {
        EscrowTooLowException e => $"an escrow of {Tokens(e.Escrow)} tokens is below the {Tokens(e.Required)} the market requires (replicas × max price × minimum prepaid time); raise --escrow or --duration, or lower --max-price.",
        OrderValueOutOfRangeException e => $"the order's {e.Field} is {e.Value}, outside the market's range {e.Min} to {e.Max}; change it in the job spec or its flag.",
        InvalidGpuModelException e => $"the GPU model name is {e.Length} bytes, longer than the market's {e.Max}; give a shorter --gpu.",
        InvalidCidException e => $"the job spec's CID is {e.Length} bytes, which the market does not take (1 to {e.Max}); run `depin order create` again with the spec file, not a hand-made CID.",
        ERC2612ExpiredSignatureException => "the permit depin signed for the escrow expired before the transaction was mined; run the command again (if it repeats, the chain's clock is off: check with `depin doctor`).",
        ERC2612InvalidSignerException => "the token did not accept depin's permit for the escrow; check with `depin doctor` that the deployment file is this chain's, then run the command again.",
        ERC20InsufficientBalanceException e => $"the wallet holds {Tokens(e.Balance)} tokens but this needs {Tokens(e.Needed)}; get more tokens (on the devnet: `depin wallet fund`) and check with `depin wallet balance`.",
        ERC20InsufficientAllowanceException e => $"the market may take {Tokens(e.Allowance)} tokens from the wallet but this needs {Tokens(e.Needed)}; run the command again (depin approves what it adds) and check with `depin doctor`.",
        PermitAllowanceTooLowException e => $"the permit covered {Tokens(e.Allowance)} tokens but the escrow needs {Tokens(e.Required)}; run the command again so depin signs one for the whole escrow.",
        ZeroAmountException => "the amount is zero; give a positive --amount.",
        AmountTooLargeException e => $"{Tokens(e.Amount)} tokens is more than the market takes at once ({Tokens(e.Max)}); give a smaller --amount.",
        OrderNotFoundException e => $"there is no order {e.OrderId} on this chain; list yours with `depin order list`.",
        NotTenantException e => $"{e.Caller} did not place order {e.OrderId}; use the wallet that did (--wallet NAME; see `depin wallet list`).",
        InvalidOrderStateException e => $"order {e.OrderId} is {e.State}, so this is no longer possible; see it with `depin order show {e.OrderId}`.",
        NoOffersException e => $"order {e.OrderId} has no offers yet; wait for providers (`depin order offers {e.OrderId}`), or cancel it and order again with a higher --max-price.",
        LeaseNotFoundException e => $"there is no lease {e.LeaseId} on this chain; list yours with `depin lease list`.",
        InvalidLeaseStateException e => $"lease {e.LeaseId} is {e.State}, so this is not possible now; see it with `depin lease show {e.LeaseId}`.",
        NothingToWithdrawException e => $"{e.Account} has nothing to withdraw: refunds arrive when an order is cancelled or a lease closes; see `depin escrow`.",
        AccessControlUnauthorizedAccountException e => $"{e.Account} may not mint tokens on this chain; `depin wallet fund` needs the devnet's dev account (set DEPIN_DEV_KEY to its key).",
        _ => null,
    };

    private static string Tokens(BigInteger wei) => TokenAmount.Format(wei);
}
