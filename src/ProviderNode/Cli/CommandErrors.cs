using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;
using DePinGpu.Protocol.Wallets;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>Turns the faults a user can fix into one sentence on stderr and exit code 1.</summary>
public static class CommandErrors
{
    /// <summary>Runs <paramref name="action"/>, printing an actionable sentence for expected faults.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception exception) when (Describe(exception) is { } sentence)
        {
            await Console.Error.WriteLineAsync("depin-node: " + sentence).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The sentence for <paramref name="exception"/>, or null when it is a fault to crash on.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => "the configuration is not valid: " + string.Join(" ", invalid.Failures),
        ChainConfigurationException chain => chain.Message,
        WalletUnlockException wallet => wallet.Message,
        FileNotFoundException missing => missing.Message,
        ContractRevertException revert => revert.Message,
        TransactionRejectedException rejected => rejected.Message,
        RpcTransportException transport => $"the chain's RPC endpoint cannot be reached ({transport.Message}); check Chain:RpcUrl and that the node runs.",
        HttpRequestException http => $"the daemon's API cannot be reached ({http.Message}); start depin-node run or use --offline.",
        CommandInputException input => input.Message,
        _ => null,
    };
}
