namespace DePinGpu.TenantCli.Cli;

/// <summary>The exit codes of <c>depin</c>; docs/cli.md documents them and scripts may rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran but the answer is "no": a doctor check failed, a lease is closed.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage or input: an unknown flag, a bad value, an invalid job spec, a missing file. Nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The configuration does not work: config file, RPC endpoint, chain id, deployment file.</summary>
    public const int Configuration = 3;

    /// <summary>The wallet cannot be used: none configured, missing keystore, wrong password.</summary>
    public const int Wallet = 4;

    /// <summary>The chain refused: a contract revert (named and explained), a rejected or unmined transaction.</summary>
    public const int ChainRejected = 5;

    /// <summary>The order, lease or wallet named does not exist.</summary>
    public const int NotFound = 6;

    /// <summary>A provider node or gateway could not be reached or refused the request.</summary>
    public const int NodeUnreachable = 7;

    /// <summary>A fault in depin itself (a bug: the message says what happened).</summary>
    public const int InternalError = 70;

    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Interrupted = 130;
}
