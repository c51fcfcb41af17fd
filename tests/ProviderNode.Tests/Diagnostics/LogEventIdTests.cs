using System.Reflection;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Multiformats;
using DePinGpu.ProviderNode.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DePinGpu.ProviderNode.Tests.Diagnostics;

/// <summary>
/// Log event ids are documented as stable, and operators filter and alert on them: one id must mean one event across
/// everything the node runs (its own assembly and the libraries it is composed from).
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] NodeAssemblies =
    [
        typeof(NodeLog).Assembly,
        typeof(RecoverableLiteDatabase).Assembly,
        typeof(Cid).Assembly,
        typeof(DePinGpu.Protocol.Events.ChainCursorStore).Assembly,
    ];

    [Fact]
    public void EveryLogEventId_IsUsedByOneEventOnly()
    {
        var events = NodeAssemblies
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(entry => entry.Attribute is not null)
            .Select(entry => (entry.Attribute!.EventId, Name: $"{entry.Method.DeclaringType!.FullName}.{entry.Method.Name}"))
            .ToList();

        Assert.True(events.Count > 100, $"only {events.Count} log events found: the scan no longer sees the node's logging");
        var reused = events.GroupBy(entry => entry.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Name))}")
            .ToList();
        Assert.True(reused.Count == 0, "log event ids used twice:\n" + string.Join("\n", reused));
    }
}
