using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Pricing;

/// <summary>Pricing log events (ids 8400–8419; stable, documented for operators).</summary>
internal static partial class PricingLog
{
    [LoggerMessage(EventId = 8400, Level = LogLevel.Debug, Message = "Pricing script priced order {OrderId} at {Price} per second in {Milliseconds} ms")]
    public static partial void ScriptPriced(ILogger logger, string orderId, string price, long milliseconds);

    [LoggerMessage(EventId = 8401, Level = LogLevel.Information, Message = "No offer on order {OrderId}: {Reason}")]
    public static partial void Declined(ILogger logger, string orderId, string reason);
}
