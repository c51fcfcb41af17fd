using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Model;
using DePinGpu.TenantCli.Cli;

namespace DePinGpu.TenantCli.Tests.Cli;

/// <summary>
/// Each contract revert the CLI's own transactions can meet has its sentence: named, amounts in tokens, no hex blob,
/// ending with what to type. The exact text is pinned so a change is a reviewed change.
/// </summary>
public sealed class RevertAdviceTests
{
    private const string Wallet = "0x00000000000000000000000000000000000000aa";
    private static readonly BigInteger Token = BigInteger.Pow(10, 18);

    public static TheoryData<ContractRevertException, string> Reverts => new()
    {
        { new EscrowTooLowException("create order", Token, Token * 3 / 2), "create order was rejected by the contract (EscrowTooLow): an escrow of 1 tokens is below the 1.5 the market requires (replicas × max price × minimum prepaid time); raise --escrow or --duration, or lower --max-price." },
        { new OrderValueOutOfRangeException("create order", "replicas", 70, 1, 64), "create order was rejected by the contract (OrderValueOutOfRange): the order's replicas is 70, outside the market's range 1 to 64; change it in the job spec or its flag." },
        { new InvalidGpuModelException("create order", 40, 32), "create order was rejected by the contract (InvalidGpuModel): the GPU model name is 40 bytes, longer than the market's 32; give a shorter --gpu." },
        { new InvalidCidException("create order", 0, 128), "create order was rejected by the contract (InvalidCid): the job spec's CID is 0 bytes, which the market does not take (1 to 128); run `depin order create` again with the spec file, not a hand-made CID." },
        { new ERC2612ExpiredSignatureException("create order with permit", 1_700_000_000), "create order with permit was rejected by the contract (ERC2612ExpiredSignature): the permit depin signed for the escrow expired before the transaction was mined; run the command again (if it repeats, the chain's clock is off: check with `depin doctor`)." },
        { new ERC2612InvalidSignerException("create order with permit", Wallet, "0x00000000000000000000000000000000000000bb"), "create order with permit was rejected by the contract (ERC2612InvalidSigner): the token did not accept depin's permit for the escrow; check with `depin doctor` that the deployment file is this chain's, then run the command again." },
        { new ERC20InsufficientBalanceException("create order with permit", Wallet, Token / 2, Token * 2), "create order with permit was rejected by the contract (ERC20InsufficientBalance): the wallet holds 0.5 tokens but this needs 2; get more tokens (on the devnet: `depin wallet fund`) and check with `depin wallet balance`." },
        { new ERC20InsufficientAllowanceException("top up lease", Wallet, 0, Token), "top up lease was rejected by the contract (ERC20InsufficientAllowance): the market may take 0 tokens from the wallet but this needs 1; run the command again (depin approves what it adds) and check with `depin doctor`." },
        { new PermitAllowanceTooLowException("create order with permit", Token, Token * 2), "create order with permit was rejected by the contract (PermitAllowanceTooLow): the permit covered 1 tokens but the escrow needs 2; run the command again so depin signs one for the whole escrow." },
        { new ZeroAmountException("top up lease"), "top up lease was rejected by the contract (ZeroAmount): the amount is zero; give a positive --amount." },
        { new AmountTooLargeException("top up lease", Token * 10, Token), "top up lease was rejected by the contract (AmountTooLarge): 10 tokens is more than the market takes at once (1); give a smaller --amount." },
        { new OrderNotFoundException("cancel order", 9), "cancel order was rejected by the contract (OrderNotFound): there is no order 9 on this chain; list yours with `depin order list`." },
        { new NotTenantException("finalize order", 7, Wallet), "finalize order was rejected by the contract (NotTenant): 0x00000000000000000000000000000000000000aa did not place order 7; use the wallet that did (--wallet NAME; see `depin wallet list`)." },
        { new InvalidOrderStateException("cancel order", 7, OrderState.Finalized), "cancel order was rejected by the contract (InvalidOrderState): order 7 is Finalized, so this is no longer possible; see it with `depin order show 7`." },
        { new NoOffersException("finalize order", 7), "finalize order was rejected by the contract (NoOffers): order 7 has no offers yet; wait for providers (`depin order offers 7`), or cancel it and order again with a higher --max-price." },
        { new LeaseNotFoundException("close lease", 3), "close lease was rejected by the contract (LeaseNotFound): there is no lease 3 on this chain; list yours with `depin lease list`." },
        { new InvalidLeaseStateException("close lease", 3, LeaseState.Closed), "close lease was rejected by the contract (InvalidLeaseState): lease 3 is Closed, so this is not possible now; see it with `depin lease show 3`." },
        { new NothingToWithdrawException("withdraw", Wallet), "withdraw was rejected by the contract (NothingToWithdraw): 0x00000000000000000000000000000000000000aa has nothing to withdraw: refunds arrive when an order is cancelled or a lease closes; see `depin escrow`." },
        { new AccessControlUnauthorizedAccountException("mint", Wallet, "0x9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6"), "mint was rejected by the contract (AccessControlUnauthorizedAccount): 0x00000000000000000000000000000000000000aa may not mint tokens on this chain; `depin wallet fund` needs the devnet's dev account (set DEPIN_DEV_KEY to its key)." },
    };

    [Theory]
    [MemberData(nameof(Reverts))]
    public void Describe_ARevertTheCliCanMeet_IsItsNamedSentenceInTokensWithNoHexBlob(ContractRevertException revert, string expected)
    {
        var (sentence, exitCode) = ErrorReporter.Describe(revert);
        Assert.Equal(ExitCodes.ChainRejected, exitCode);
        Assert.Equal(expected, sentence);
        Assert.DoesNotMatch("0x[0-9a-fA-F]{41,}", sentence);
    }

    [Fact]
    public void Describe_ARevertOnlyProvidersMeet_KeepsTheProtocolsSentence()
    {
        var revert = new StaleEpochException("ack lease", 3, 0, 1);
        Assert.Equal(revert.Message, ErrorReporter.Describe(revert).Sentence);
    }
}
