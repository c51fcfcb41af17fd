namespace DePinGpu.TenantCli.Output;

/// <summary>One column of a text table: its header and how a row shows in it.</summary>
internal sealed record Column<T>(string Header, Func<T, string> Value);
