namespace DePinGpu.TenantCli.Views;

/// <summary>JSON line of <c>logs -o json</c>: kind is "line" for workload output, "handover" at a seam between providers, "closed" at the end.</summary>
internal sealed record LogLineView(string Kind, string LeaseId, string? Provider, uint Epoch, long Sequence, DateTimeOffset Time, string Stream, string Text);
