using DePinGpu.Protocol.Validation;

namespace DePinGpu.ProviderNode.Gossip;

/// <summary>The gossip topics' timing and validation settings (configuration section <c>Gossip</c>).</summary>
public sealed record GossipOptions : IValidatedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gossip";

    /// <summary>How often the node publishes its heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the node republishes its capacity when nothing changed (a change is published at the next heartbeat tick).</summary>
    public TimeSpan CapacityInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many more times each checkpoint announcement is published after the first (unless a newer one for the same
    /// lease and kind replaces it): GossipSub delivery is best effort, and a peer that joins a moment later still hears it.
    /// </summary>
    public int AnnouncementRepeats { get; init; } = 3;

    /// <summary>Time between those repeats (checked at each heartbeat tick).</summary>
    public TimeSpan AnnouncementRepeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How far a message's time may be from ours, either way, before it is rejected.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest time between two chain reads of one lease when messages disagree with the cached value.</summary>
    public TimeSpan LeaseRefreshInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the registry snapshot is read again (events keep it current in between).</summary>
    public TimeSpan DirectoryRefreshInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Require(problems, HeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), nameof(HeartbeatInterval));
        Require(problems, CapacityInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(CapacityInterval));
        if (AnnouncementRepeats is < 0 or > 10)
        {
            problems.Add($"AnnouncementRepeats must be between 0 and 10 (is {AnnouncementRepeats}).");
        }

        Require(problems, AnnouncementRepeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), nameof(AnnouncementRepeatInterval));
        Require(problems, MaxClockSkew, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), nameof(MaxClockSkew));
        Require(problems, LeaseRefreshInterval, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(LeaseRefreshInterval));
        Require(problems, DirectoryRefreshInterval, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1), nameof(DirectoryRefreshInterval));
        return problems;
    }

    private static void Require(List<string> problems, TimeSpan value, TimeSpan minimum, TimeSpan maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            problems.Add($"{name} must be between {minimum} and {maximum} (is {value}).");
        }
    }
}
