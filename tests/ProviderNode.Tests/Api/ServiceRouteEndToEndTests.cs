using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DePinGpu.ProviderNode.Api;
using DePinGpu.ProviderNode.Tests.Support;
using DePinGpu.Protocol.Model;
using DePinGpu.Protocol.Tests.Support;
using DePinGpu.Protocol.Wallets;
using DePinGpu.TestSupport;
using Xunit.Abstractions;

namespace DePinGpu.ProviderNode.Tests.Api;

/// <summary>
/// What docs/node-api.md says the node's service routes protect, against a real <c>depin-node run</c> serving
/// <c>samples/echo-service</c> (Process runtime) for a Stateless lease: the address only for a fresh tenant signature,
/// the data path only under the lease's secret, and only while the lease is on this node.
/// </summary>
public sealed class ServiceRouteEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task ServiceRoutes_RefuseUnsignedExpiredAndForeignAddressRequests_UnknownSecrets_AndTheLeaseOnceClosed()
    {
        await using var chain = await ProtocolChain.StartAsync();
        var node = await DevnetNode.CreateAsync(chain, _directory.Combine("node"), "service-route", pricePerGpuSecond: 1000);
        await HappyPathScenario.RegisterAsync(chain, node);
        var tenant = await chain.FundedKeyAsync();
        var stranger = await chain.FundedKeyAsync(tokens: 0);
        var market = chain.Market(tenant);
        await using var process = await node.RunAsync(DevnetTenant.Patience);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var orderId = await DevnetTenant.OrderAsync(market, EchoServiceSpec(), OrderKind.Stateless, 0, node);
            await DevnetTenant.Until(async () => (await market.GetOffersAsync(orderId, CancellationToken.None)).Count == 1, "the node offers");
            var leaseId = (await market.FinalizeOrderAsync(orderId, CancellationToken.None)).FirstLeaseId;
            var url = await ServedAddressAsync(http, node.Api, tenant, chain, leaseId);
            var target = $"/leases/{leaseId}/service";

            using (var unsigned = await http.GetAsync(new Uri(node.Api, target)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            }

            using (var expired = await AddressRequestAsync(http, node.Api, tenant, chain, leaseId, DateTimeOffset.UtcNow.AddMinutes(-1)))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            }

            using (var foreign = await AddressRequestAsync(http, node.Api, stranger, chain, leaseId, DateTimeOffset.UtcNow.AddMinutes(2)))
            {
                Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
            }

            var guessed = new Uri(node.Api, $"{target}/{ServiceEndpoint.NewSecret()}/echo");
            using (var wrongSecret = await http.GetAsync(guessed))
            {
                Assert.Equal(HttpStatusCode.NotFound, wrongSecret.StatusCode);
                Assert.Equal("unknown-address", RefusalOf(wrongSecret));
            }

            // A stream under way when the lease is closed is cut (a reset), never ended as if complete: the service's
            // stream has no end marker, so only a cut tells the tenant's gateway to continue it elsewhere.
            using var streaming = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            using var reading = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            using var stream = await streaming.GetAsync(new Uri(new Uri(url), "events?count=2000&interval=0.05"), HttpCompletionOption.ResponseHeadersRead, reading.Token);
            using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(reading.Token));
            Assert.Equal("id: 1", await events.ReadLineAsync(reading.Token));

            await market.CloseLeaseAsync(leaseId, CancellationToken.None);
            var ending = await Record.ExceptionAsync(async () =>
            {
                while (await events.ReadLineAsync(reading.Token) is not null)
                {
                }
            });
            Assert.IsAssignableFrom<IOException>(ending);
            await DevnetTenant.Until(async () =>
            {
                using var response = await http.GetAsync(new Uri(new Uri(url), "echo"));
                return response.StatusCode == HttpStatusCode.ServiceUnavailable && RefusalOf(response) == "not-served";
            }, "the node stops serving the closed lease's address");
            using var afterClose = await AddressRequestAsync(http, node.Api, tenant, chain, leaseId, DateTimeOffset.UtcNow.AddMinutes(2));
            Assert.Equal(HttpStatusCode.NotFound, afterClose.StatusCode);
        }
        finally
        {
            output.WriteLine(process.ErrorTail);
        }
    }

    public void Dispose() => _directory.Dispose();

    private static byte[] EchoServiceSpec() => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["schemaVersion"] = 1,
        ["runtime"] = "process",
        ["command"] = new JsonArray("/usr/bin/python3", Path.Combine(RepositoryPaths.Root, "samples", "echo-service", "server.py")),
        ["resources"] = new JsonObject { ["gpus"] = 1 },
        ["service"] = new JsonObject { ["port"] = 8080, ["healthPath"] = "/health", ["idempotent"] = true },
    }.ToJsonString());

    private static string? RefusalOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ServiceApiEndpoints.RefusalHeader, out var values) ? values.Single() : null;

    /// <summary>Waits until the tenant learns the service's address and a request through it is answered by the echo service.</summary>
    private static async Task<string> ServedAddressAsync(HttpClient http, Uri api, WalletKey tenant, ProtocolChain chain, BigInteger leaseId)
    {
        string? url = null;
        await DevnetTenant.Until(async () =>
        {
            if (url is null)
            {
                using var reveal = await AddressRequestAsync(http, api, tenant, chain, leaseId, DateTimeOffset.UtcNow.AddMinutes(2));
                url = reveal.IsSuccessStatusCode ? JsonDocument.Parse(await reveal.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString() : null;
                if (url is null)
                {
                    return false;
                }
            }

            using var response = await http.GetAsync(new Uri(new Uri(url), "echo"));
            return response.IsSuccessStatusCode;
        }, "the node serves the lease's service and it answers");
        return url!;
    }

    private static Task<HttpResponseMessage> AddressRequestAsync(HttpClient http, Uri api, WalletKey signer, ProtocolChain chain, BigInteger leaseId, DateTimeOffset expires)
    {
        var target = $"/leases/{leaseId}/service";
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(api, target));
        foreach (var (name, value) in TenantRequestSigner.Sign(signer, chain.Deployment.ChainId, "GET", target, expires))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return SendAndDisposeAsync(http, request);
    }

    private static async Task<HttpResponseMessage> SendAndDisposeAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            return await http.SendAsync(request);
        }
    }
}
