namespace DePinGpu.Protocol.Transactions;

/// <summary>What one check of the watched transactions found and did.</summary>
/// <param name="Mined">Watched transactions found mined and successful (now forgotten).</param>
/// <param name="Reverted">Watched transactions found mined but reverted (logged, counted, forgotten).</param>
/// <param name="Resent">Transactions the node had dropped, sent again at their nonce.</param>
/// <param name="Replaced">Stuck transactions replaced at a higher fee.</param>
/// <param name="Superseded">Transactions whose nonce another transaction of the account took (forgotten).</param>
/// <param name="Pending">Transactions still watched after the round.</param>
public sealed record WatchRound(int Mined, int Reverted, int Resent, int Replaced, int Superseded, int Pending);
