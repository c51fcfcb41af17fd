using System.Text.Json;

namespace DePinGpu.Protocol.Rpc;

/// <summary>
/// Several endpoints of one chain: a request goes to the endpoint that answered last and, on a transport failure,
/// to the next one in order (the one that answers becomes the first to try); a broadcast goes to every endpoint at
/// once, so a signed transaction reaches the chain while any endpoint does.
/// </summary>
public sealed partial class JsonRpcClient
{
    /// <summary>Most endpoints one client accepts.</summary>
    public const int MaxEndpoints = 8;

    private int _preferred;

    /// <summary>Every endpoint, in configuration order.</summary>
    public IReadOnlyList<Uri> Endpoints => _endpoints;

    /// <summary>The endpoint requests go to first now (the last one that answered).</summary>
    public Uri PreferredEndpoint => _endpoints[Volatile.Read(ref _preferred)];

    /// <summary>
    /// Sends one request to every endpoint at once and returns the first <c>result</c> in endpoint order. It fails
    /// only when no endpoint returned a result: with the first error object an endpoint answered (a node's verdict
    /// on the request), else with a transport failure naming every endpoint. Answers such as "already known" from
    /// one endpoint do not matter when another accepted the request.
    /// </summary>
    public async Task<JsonElement> BroadcastAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        var body = Serialize(method, parameters);
        if (_endpoints.Count == 1)
        {
            return await SendToAsync(_endpoints[0], method, body, cancellationToken).ConfigureAwait(false);
        }

        var attempts = _endpoints.Select(endpoint => AttemptAsync(endpoint, method, body, cancellationToken)).ToArray();
        var outcomes = await Task.WhenAll(attempts).ConfigureAwait(false);
        if (outcomes.FirstOrDefault(outcome => outcome.Result is not null) is { Result: { } result })
        {
            return result;
        }

        if (outcomes.Select(outcome => outcome.Failure).OfType<RpcErrorException>().FirstOrDefault() is { } answered)
        {
            throw answered;
        }

        throw new RpcTransportException(
            $"No RPC endpoint took {method}: {string.Join(" ", outcomes.Select(outcome => outcome.Failure!.Message))}",
            outcomes[0].Failure);
    }

    private async Task<JsonElement> RequestWithFailoverAsync(string method, byte[] body, CancellationToken cancellationToken)
    {
        var first = Volatile.Read(ref _preferred);
        var failures = new List<RpcTransportException>();
        for (var offset = 0; offset < _endpoints.Count; offset++)
        {
            var index = (first + offset) % _endpoints.Count;
            try
            {
                var result = await SendToAsync(_endpoints[index], method, body, cancellationToken).ConfigureAwait(false);
                Interlocked.CompareExchange(ref _preferred, index, first);
                return result;
            }
            catch (RpcTransportException exception)
            {
                failures.Add(exception);
            }
        }

        throw failures.Count == 1
            ? failures[0]
            : new RpcTransportException($"No RPC endpoint answered {method}: {string.Join(" ", failures.Select(failure => failure.Message))}", failures[0]);
    }

    private async Task<EndpointOutcome> AttemptAsync(Uri endpoint, string method, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            return new EndpointOutcome(await SendToAsync(endpoint, method, body, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is RpcTransportException or RpcErrorException or RpcResponseFormatException)
        {
            return new EndpointOutcome(null, exception);
        }
    }

    private static string? FindEndpointProblem(IReadOnlyList<Uri> endpoints)
    {
        if (endpoints.Count is 0 or > MaxEndpoints)
        {
            return $"Give between 1 and {MaxEndpoints} RPC endpoints, not {endpoints.Count}.";
        }

        if (endpoints.FirstOrDefault(endpoint => endpoint is null || !endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)) is { } bad)
        {
            return $"The RPC URL {bad} must use http or https.";
        }

        return endpoints.Distinct().Count() == endpoints.Count ? null : "The RPC endpoints must differ from each other.";
    }

    private sealed record EndpointOutcome(JsonElement? Result, Exception? Failure);
}
