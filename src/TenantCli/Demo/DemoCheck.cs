namespace DePinGpu.TenantCli.Demo;

/// <summary>One thing the demo verifies, whether it held, and what was seen.</summary>
/// <param name="Name">What must hold.</param>
/// <param name="Passed">Whether it did.</param>
/// <param name="Detail">The values compared.</param>
internal sealed record DemoCheck(string Name, bool Passed, string Detail);
