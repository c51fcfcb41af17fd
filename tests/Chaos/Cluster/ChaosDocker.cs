namespace DePinGpu.Chaos.Tests.Cluster;

/// <summary>A cluster's Docker runtime: the engine the nodes run their containers on and the image the stepping workload runs in.</summary>
/// <param name="Endpoint">The engine (<c>unix:///var/run/docker.sock</c>).</param>
/// <param name="Image">A local image with <c>/bin/sh</c> and GNU <c>date</c> (depingpu/shell-loop, built by scripts/images/build.sh).</param>
public sealed record ChaosDocker(string Endpoint, string Image);
