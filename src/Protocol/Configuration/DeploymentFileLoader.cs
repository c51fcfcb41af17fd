using DePinGpu.Protocol.Deployment;

namespace DePinGpu.Protocol.Configuration;

/// <summary>
/// Reads a deployment file synchronously, for a connection built while the host builds its services (a small local
/// file, like appsettings.json). Same checks and messages as <see cref="DeploymentFile.ReadAsync"/>.
/// </summary>
internal static class DeploymentFileLoader
{
    public static DeploymentInfo Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new DeploymentFileException($"No deployment file at {path}: deploy the contracts (scripts/devnet.sh or ContractsDeployer) or point ChainOptions.DeploymentFile at the right file.");
            }

            if (info.Length > DeploymentFile.MaxBytes)
            {
                throw new DeploymentFileException($"{path} is {info.Length} bytes, more than a deployment file can be ({DeploymentFile.MaxBytes}).");
            }

            return DeploymentFile.Parse(File.ReadAllText(path), path);
        }
        catch (DeploymentFileException exception)
        {
            throw new ChainConfigurationException([exception.Message], exception);
        }
    }
}
