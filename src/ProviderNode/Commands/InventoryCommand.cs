using System.CommandLine;
using DePinGpu.ProviderNode.Inventory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DePinGpu.ProviderNode.Commands;

/// <summary><c>depin-node inventory</c>: the GPUs this node would offer, as the daemon finds them.</summary>
internal static class InventoryCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "The node's config file (default: the one in the default data directory)" };
        var output = CommandOutput.CreateOption();
        var command = new Command("inventory", "Show the GPUs this node would offer (nvidia-smi, or the declared ones)") { config, output };
        command.SetAction((result, cancellationToken) => Cli.CommandErrors.RunAsync(async () =>
        {
            var configuration = Cli.NodeConfiguration.LoadOrDefaults(result.GetValue(config));
            var services = new ServiceCollection().AddLogging(logging => logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Error));
            await using var provider = services.AddInventory(configuration).BuildServiceProvider();
            GpuInventory inventory;
            try
            {
                inventory = provider.GetRequiredService<GpuInventory>();
                _ = provider.GetRequiredService<IOptions<InventoryOptions>>().Value;
            }
            catch (OptionsValidationException exception)
            {
                return CommandOutput.Fail($"the config is invalid: {string.Join(" ", exception.Failures)}");
            }

            var snapshot = await inventory.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (CommandOutput.IsJson(result, output))
            {
                CommandOutput.WriteJson(snapshot);
                return 0;
            }

            Console.WriteLine($"{snapshot.Gpus.Count} GPUs ({snapshot.Source.ToString().ToLowerInvariant()})");
            foreach (var gpu in snapshot.Gpus)
            {
                Console.WriteLine($"  {gpu.Index}  {gpu.Model}  {gpu.MemoryMebibytes} MiB  {gpu.Uuid}");
            }

            return 0;
        }));
        return command;
    }
}
