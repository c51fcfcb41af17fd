// A minimal DePinGpu node: the chain connection, libp2p host, discovery, GossipSub, content store, Bitswap and the trustless gateway,
// composed on the ASP.NET Core Generic Host with the libraries' AddX calls. Every setting comes from configuration
// (appsettings.json, environment variables such as Libp2p__ListenAddresses__0, the command line) and is validated when
// the host starts: a wrong value stops the start with a message naming its key.
using DePinGpu.Ipfs.Bitswap;
using DePinGpu.Ipfs.Gateway;
using DePinGpu.Ipfs.Storage;
using DePinGpu.Libp2p.Discovery;
using DePinGpu.Libp2p.Hosting;
using DePinGpu.Libp2p.PubSub;
using DePinGpu.Protocol.Hosting;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

builder.Services
    .AddLibp2pHost(configuration.GetSection("Libp2p"))
    .AddPeerDiscovery(configuration.GetSection("Discovery"))
    .AddGossipSub(configuration.GetSection("GossipSub"))
    .AddContentStore(configuration.GetSection("ContentStore"))
    .AddBitswap(configuration.GetSection("Bitswap"))
    .AddTrustlessGatewayEndpoints(configuration.GetSection("Gateway"));

// The chain: connection, clients and health check from the "Chain" section (rpc URL, chain id, deployment file);
// see docs/architecture-chain.md. It checks the chain when the host starts.
builder.Services.AddChainConnection(configuration.GetSection("Chain"));

var app = builder.Build();
app.MapTrustlessGateway();
app.MapHealthChecks("/health");
app.MapGet("/", (Libp2pHost host) => Results.Ok(new
{
    peerId = host.LocalPeerId.ToString(),
    addresses = host.ListenAddresses.Select(address => address.WithPeerId(host.LocalPeerId).ToString()),
}));
await app.RunAsync();
