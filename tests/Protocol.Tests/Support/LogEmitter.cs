using System.Numerics;
using DePinGpu.Protocol.Errors;
using DePinGpu.Protocol.Rpc;
using DePinGpu.Protocol.Transactions;

namespace DePinGpu.Protocol.Tests.Support;

/// <summary>
/// A minimal contract deployed from hand-assembled bytecode: every call emits LOG1 with the first calldata word
/// as its topic. It lets the event-stream tests produce real logs independent of the DePinGpu contracts.
/// </summary>
public sealed class LogEmitter
{
    // Runtime: PUSH1 0 CALLDATALOAD PUSH1 0 PUSH1 0 LOG1 STOP. Init: PUSH9 <runtime> PUSH1 0 MSTORE PUSH1 9 PUSH1 23 RETURN.
    private static readonly byte[] InitCode = Convert.FromHexString("68600035600060" + "00a100" + "600052" + "6009" + "6017" + "f3");
    private TransactionSender _sender;

    private LogEmitter(TransactionSender sender, string address, ulong deployedAt)
    {
        _sender = sender;
        Address = address;
        DeployedAt = deployedAt;
    }

    /// <summary>Block of the deployment (event streams start there).</summary>
    public ulong DeployedAt { get; }

    /// <summary>The emitter's address (lower-case).</summary>
    public string Address { get; }

    /// <summary>
    /// Sends from another account from now on: after evm_revert the old account's transactions are gone from the
    /// chain, so its next nonce would leave a gap.
    /// </summary>
    public void SendFrom(TransactionSender sender) => _sender = sender;

    /// <summary>Deploys an emitter from <paramref name="sender"/>.</summary>
    public static async Task<LogEmitter> DeployAsync(TransactionSender sender)
    {
        var receipt = await sender.SendAsync(new TransactionIntent(null, InitCode, BigInteger.Zero, "deploy emitter"), CancellationToken.None);
        return new LogEmitter(sender, receipt.ContractAddress!, receipt.BlockNumber);
    }

    /// <summary>Emits one log whose topic encodes <paramref name="value"/>; returns the receipt.</summary>
    public Task<TransactionReceipt> EmitAsync(long value) =>
        _sender.SendAsync(TransactionIntent.Create(Address, Topic(value), $"emit {value}"), CancellationToken.None);

    /// <summary>The 32-byte topic of <paramref name="value"/>.</summary>
    public static byte[] Topic(long value)
    {
        var bytes = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(24), value);
        return bytes;
    }

    /// <summary>A sender with fast polling from a new key funded with ether, for tests.</summary>
    public static async Task<TransactionSender> FreshSenderAsync(AnvilChain chain)
    {
        var key = DePinGpu.Protocol.Wallets.WalletKey.Generate();
        await chain.CallAsync("anvil_setBalance", key.Address, "0x3635C9ADC5DEA00000");
        return new(chain.Rpc, key, AnvilChain.ChainId, new RevertDecoder(), new TransactionOptions { ReceiptPollInterval = TimeSpan.FromMilliseconds(10) });
    }
}
