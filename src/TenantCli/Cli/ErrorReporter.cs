using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Deployment;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;

namespace DePinGpu.TenantCli.Cli;

/// <summary>Turns a command's failure into one sentence for stderr and its documented exit code.</summary>
internal static class ErrorReporter
{
    /// <summary>The sentence and exit code for <paramref name="exception"/>.</summary>
    public static (string Sentence, int ExitCode) Describe(Exception exception) => exception switch
    {
        CliException cli => (cli.Message, cli.ExitCode),
        ContractRevertException revert => (RevertAdvice.Describe(revert), ExitCodes.ChainRejected),
        TransactionRejectedException rejected => (rejected.Message, ExitCodes.ChainRejected),
        TransactionTimeoutException timeout => (timeout.Message + " Check the chain with `depin doctor`; the transaction may still be mined.", ExitCodes.ChainRejected),
        ChainConfigurationException chain => (InCliTerms(string.Join(" ", chain.Problems)), ExitCodes.Configuration),
        DeploymentFileException deployment => (InCliTerms(deployment.Message), ExitCodes.Configuration),
        RpcTransportException transport => ($"The chain's RPC endpoint cannot be reached ({transport.Message}); start the chain or fix rpcUrl (--rpc-url).", ExitCodes.Configuration),
        RpcErrorException rpc => ($"The RPC node refused a request ({rpc.Message}); check rpcUrl points at an Ethereum JSON-RPC node.", ExitCodes.Configuration),
        WalletUnlockException wallet => (wallet.Message, ExitCodes.Wallet),
        HttpRequestException http => ($"A provider node or gateway cannot be reached ({http.Message}); check gateways in the config and that the node runs.", ExitCodes.NodeUnreachable),
        OperationCanceledException => ("Interrupted.", ExitCodes.Interrupted),
        System.Text.Json.JsonException json => ($"A node or gateway answered with malformed JSON ({json.Message}); check that gateways lists depin-node API URLs.", ExitCodes.NodeUnreachable),
        IOException or UnauthorizedAccessException => ($"{exception.Message} Check the path and its permissions.", ExitCodes.Usage),
        _ => ($"internal error (a bug in depin; please report it): {exception.GetType().Name}: {exception.Message}", ExitCodes.InternalError),
    };

    /// <summary>
    /// src/Protocol names the node's option keys (RpcUrl, ChainId, ChainOptions.DeploymentFile); a tenant fixes the
    /// CLI's keys and flags instead, so the sentence names those.
    /// </summary>
    private static string InCliTerms(string sentence) => sentence
        .Replace("ChainOptions.DeploymentFile", "deployment (--deployment)", StringComparison.Ordinal)
        .Replace("fix RpcUrl", "fix rpcUrl (--rpc-url)", StringComparison.Ordinal)
        .Replace("point RpcUrl at", "point rpcUrl (--rpc-url) at", StringComparison.Ordinal)
        .Replace("or fix ChainId", "or fix chainId (--chain-id)", StringComparison.Ordinal)
        .Replace("but ChainId is", "but chainId is", StringComparison.Ordinal);
}
