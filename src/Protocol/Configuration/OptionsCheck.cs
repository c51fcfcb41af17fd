namespace DePinGpu.Protocol.Configuration;

/// <summary>The one way a constructor given options directly (not through the host) refuses bad ones.</summary>
internal static class OptionsCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> listing every problem of <paramref name="options"/>.</summary>
    public static T Valid<T>(T options, string parameterName)
        where T : IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(options, parameterName);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The {typeof(T).Name} do not work: {string.Join(" ", problems)}", parameterName);
        }

        return options;
    }
}
