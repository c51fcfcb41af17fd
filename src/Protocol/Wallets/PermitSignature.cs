using System.Numerics;

namespace DePinGpu.Protocol.Wallets;

/// <summary>A signed ERC-2612 permit, split the way <c>permit(owner, spender, value, deadline, v, r, s)</c> takes it.</summary>
/// <param name="Owner">Token owner who signed.</param>
/// <param name="Spender">Contract allowed to spend.</param>
/// <param name="Value">Allowance granted.</param>
/// <param name="Deadline">Unix time after which the permit is void.</param>
/// <param name="V">Recovery byte (27 or 28).</param>
/// <param name="R">Signature r.</param>
/// <param name="S">Signature s.</param>
public sealed record PermitSignature(string Owner, string Spender, BigInteger Value, BigInteger Deadline, byte V, byte[] R, byte[] S);
