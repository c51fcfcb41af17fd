using System.CommandLine;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Configuration;
using DePinGpu.ProviderNode.Diagnostics;
using DePinGpu.Ipfs.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Cli;

/// <summary><c>depin-node run</c>: the daemon, until SIGTERM or Ctrl+C (Docker workloads keep running).</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CommonOptions common)
    {
        ArgumentNullException.ThrowIfNull(common);
        var command = new Command("run", "Runs the provider daemon: bids, runs leases, heartbeats, checkpoints, serves the API.");
        command.Options.Add(common.Config);
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var configFile = parse.GetValue(common.Config)!;
            var configuration = NodeConfiguration.Load(configFile);
            var node = configuration.GetSection(NodeOptions.Section).Get<NodeOptions>() ?? new NodeOptions();
            var key = await OperatorKeyLoader.UnlockAsync(node.OperatorKeystore, node.PasswordFile, OperatorKeyLoader.OperatorPasswordVariable, cancellationToken).ConfigureAwait(false);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            builder.Configuration.AddNodeSources(configFile);
            builder.Services.AddProviderNode(builder.Configuration, key);
            var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
            builder.WebHost.UseUrls(api.Url.ToString());
            await using var app = builder.Build();
            app.Services.GetRequiredService<PrometheusExporter>().Start();
            app.UseNodeApiRateLimiting();
            app.MapNodeApi();
            app.MapAdminApi();
            app.MapTrustlessGateway();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
