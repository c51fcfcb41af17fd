namespace DePinGpu.TenantCli.Providers;

/// <summary>A filter term's comparison.</summary>
internal enum FilterOperator
{
    /// <summary>=</summary>
    Equal,

    /// <summary>!=</summary>
    NotEqual,

    /// <summary>&lt;</summary>
    Less,

    /// <summary>&lt;=</summary>
    LessOrEqual,

    /// <summary>&gt;</summary>
    Greater,

    /// <summary>&gt;=</summary>
    GreaterOrEqual,
}
