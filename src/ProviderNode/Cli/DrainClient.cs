using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Drain;

namespace DePinGpu.ProviderNode.Cli;

/// <summary>Talks to a running daemon's admin drain routes with the token the daemon wrote to its data directory.</summary>
public sealed class DrainClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly HttpClient _http;
    private readonly Uri _api;

    private DrainClient(Uri api, string token)
    {
        _api = api;
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(15) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A client for the daemon at <paramref name="api"/> whose data directory is <paramref name="dataDirectory"/>.</summary>
    public static async Task<DrainClient> OpenAsync(Uri api, string dataDirectory, CancellationToken cancellationToken)
    {
        var tokenFile = AdminTokenFile.PathIn(dataDirectory);
        if (!File.Exists(tokenFile))
        {
            throw new CommandInputException($"No daemon runs with the data directory {dataDirectory} (it writes {tokenFile} when it starts); start depin-node run, or pass the --config of the running node.");
        }

        var token = (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim();
        return new DrainClient(api, token);
    }

    /// <summary>Asks the daemon to drain (asking again is harmless) and returns its first report.</summary>
    public Task<DrainReport> StartAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, cancellationToken);

    /// <summary>The drain's progress now.</summary>
    public Task<DrainReport> ReportAsync(CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, cancellationToken);

    /// <summary>True once the daemon no longer accepts connections (it exited).</summary>
    public async Task<bool> HasExitedAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("/status", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException)
        {
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<DrainReport> SendAsync(HttpMethod method, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri("/admin/drain", UriKind.Relative));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (exception.InnerException is SocketException)
        {
            throw new CommandInputException($"No depin-node daemon answers at {_api} ({exception.InnerException.Message}); start depin-node run, or check Api:Url in the config.");
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new CommandInputException($"The daemon at {_api} refused the admin token; the token file belongs to another daemon (check --config and Node:DataDirectory).");
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CommandInputException($"The service at {_api} has no drain route; is it a depin-node daemon of this version?");
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<DrainReport>(Json, cancellationToken).ConfigureAwait(false)
                ?? throw new CommandInputException($"The daemon at {_api} sent an empty drain report.");
        }
    }
}
