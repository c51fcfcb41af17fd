using DePinGpu.Protocol.Configuration;
using DePinGpu.Protocol.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DePinGpu.Protocol.Tests.Hosting;

/// <summary>Builds a Generic Host the way a node would: configuration keys under <c>Chain</c>, then the Add* calls.</summary>
internal static class ChainHost
{
    /// <summary>The configuration keys of <paramref name="options"/>, with the event cursor at <paramref name="cursorFile"/>.</summary>
    public static Dictionary<string, string?> Settings(ChainOptions options, string cursorFile) => new()
    {
        ["Chain:RpcUrl"] = options.RpcUrl.ToString(),
        ["Chain:ChainId"] = options.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chain:DeploymentFile"] = options.DeploymentFile,
        ["Chain:Confirmations"] = "0",
        ["Chain:PollInterval"] = "00:00:00.020",
        ["Chain:Transactions:ReceiptPollInterval"] = "00:00:00.010",
        ["Chain:Events:CursorFile"] = cursorFile,
        ["Chain:Events:MinBackoff"] = "00:00:00.020",
    };

    /// <summary>A host with the chain connection and whatever <paramref name="configure"/> adds.</summary>
    public static IHost Build(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        var chain = builder.Configuration.GetSection("Chain");
        builder.Services.AddChainConnection(chain);
        configure?.Invoke(builder.Services, chain);
        return builder.Build();
    }
}
