using Microsoft.Extensions.Primitives;

namespace DePinGpu.Ipfs.Gateway;

/// <summary>
/// The CAR variant a client may ask for (IPIP-412): <c>version</c>, <c>order</c>, <c>dups</c>, from <c>Accept</c> parameters
/// or the <c>car-version</c>/<c>car-order</c>/<c>car-dups</c> query. This gateway produces exactly CARv1, depth-first, without
/// duplicates, so it accepts <c>version=1</c>, <c>order=dfs|unk</c> and <c>dups=n</c> (or the parameter left out).
/// </summary>
internal static class CarParameters
{
    /// <summary>Null when the value is one this gateway can honour, else why not.</summary>
    public static string? Check(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var supported = name switch
        {
            "version" => value == "1",
            "order" => value is "dfs" or "unk",
            "dups" => value == "n",
            _ => true,
        };
        return supported ? null : $"CAR {name}={Shorten(value)} is not supported: this gateway serves version=1, order=dfs, dups=n.";
    }

    /// <summary>Checks the <c>car-version</c>, <c>car-order</c> and <c>car-dups</c> query parameters.</summary>
    public static string? CheckQuery(Func<string, StringValues> query)
    {
        foreach (var name in (string[])["version", "order", "dups"])
        {
            var values = query("car-" + name);
            if (values.Count > 1)
            {
                return $"car-{name} is given {values.Count} times; give it once.";
            }

            if (Check(name, values.ToString()) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    internal static string Shorten(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
