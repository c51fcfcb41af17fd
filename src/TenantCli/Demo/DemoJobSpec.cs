using System.Globalization;
using System.Text.Json.Nodes;

namespace DePinGpu.TenantCli.Demo;

/// <summary>
/// The demo's job: samples/train, checkpointing every few seconds, one checkpoint replica before each commit. In the
/// Process runtime the node runs train.py with the host's python3 (Debian's python3-torch); in Docker the image
/// depingpu/train (scripts/images/build.sh).
/// </summary>
internal static class DemoJobSpec
{
    /// <summary>Seconds between the workload's checkpoints.</summary>
    public const int CheckpointSeconds = 3;

    /// <summary>Writes the spec to <paramref name="file"/> and returns its path.</summary>
    public static string Write(string file, string runtime, string python, string trainScript, int steps)
    {
        var spec = new JsonObject { ["schemaVersion"] = 1, ["runtime"] = runtime };
        if (runtime == "docker")
        {
            spec["image"] = "depingpu/train:latest";
        }
        else
        {
            spec["command"] = new JsonArray(python, trainScript);
        }

        spec["env"] = new JsonObject
        {
            ["TRAIN_CHECKPOINT_SECONDS"] = CheckpointSeconds.ToString(CultureInfo.InvariantCulture),
            ["TRAIN_LOG_EVERY"] = "5",
            ["TRAIN_STEPS"] = steps.ToString(CultureInfo.InvariantCulture),
            ["TRAIN_STEP_SECONDS"] = "0.02",
        };
        spec["checkpoint"] = new JsonObject { ["intervalSeconds"] = CheckpointSeconds, ["replicas"] = 1 };
        spec["gracePeriodSeconds"] = 10;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, spec.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return file;
    }
}
