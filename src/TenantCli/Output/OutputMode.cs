namespace DePinGpu.TenantCli.Output;

/// <summary>How a command prints its result.</summary>
internal enum OutputMode
{
    /// <summary>For people: fields and tables (colours only on a terminal without NO_COLOR).</summary>
    Text,

    /// <summary>For machines: one JSON document with stable camelCase field names.</summary>
    Json,

    /// <summary>Ids only, one a line (<c>-q</c>).</summary>
    Quiet,
}
