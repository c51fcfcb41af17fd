using DePinGpu.ProviderNode.NodeEvents;
using DePinGpu.ProviderNode.Standby;
using DePinGpu.Protocol.Events.Market;
using DePinGpu.Protocol.Model;

namespace DePinGpu.ProviderNode.Tests.Standby;

public class StandbyChainEventsTests
{
    private const string Me = "0x00000000000000000000000000000000000000aa";
    private const string Other = "0x00000000000000000000000000000000000000bb";
    private const string Where = "0x01";

    [Fact]
    public void OrderFinalized_NamingThisProvider_BecomesStandbyNamed_OtherwiseNothing()
    {
        Assert.Equal(new StandbyNamed(5, 9, 2), StandbyChainEvents.Translate(new OrderFinalized(5, 9, 2, [Other, Me]) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)));
        Assert.Null(StandbyChainEvents.Translate(new OrderFinalized(5, 9, 2, [Other]) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
        Assert.Null(StandbyChainEvents.Translate(new OrderFinalized(5, 9, 2, [Me]) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, owner: null));
    }

    [Fact]
    public void StandbyDroppedOrLeft_ForThisProvider_AndOrderClosed_ReleaseTheStandby()
    {
        Assert.Equal(new StandbyReleased(5), StandbyChainEvents.Translate(new StandbyDropped(5, Me, 9) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
        Assert.Null(StandbyChainEvents.Translate(new StandbyDropped(5, Other, 9) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
        Assert.Equal(new StandbyReleased(5), StandbyChainEvents.Translate(new StandbyLeft(5, Me) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
        Assert.Null(StandbyChainEvents.Translate(new StandbyLeft(5, Other) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
        Assert.Equal(new StandbyReleased(5), StandbyChainEvents.Translate(new OrderClosed(5) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
    }

    [Fact]
    public void LeaseEndsAndReopenings_OfAnyProvider_AreTranslated()
    {
        Assert.Equal(new LeaseEnded(9), StandbyChainEvents.Translate(new LeaseClosed(9, 5, Other, 1, LeaseReason.MissedHeartbeat, 0) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
        Assert.Equal(new LeaseEnded(9), StandbyChainEvents.Translate(new LeaseCompleted(9, Other, 1, null) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
        Assert.Equal(new LeaseOpenForReplacement(9, 5, 2, 1234), StandbyChainEvents.Translate(new LeaseReopened(9, 5, 2, 1234) { Contract = Where, BlockNumber = 1, BlockHash = Where, TransactionHash = Where, LogIndex = 0 }, Me));
    }
}
