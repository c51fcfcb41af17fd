namespace DePinGpu.TenantCli.Demo;

/// <summary>One <c>step=N loss=X</c> line of the training job, with the node that served it.</summary>
/// <param name="Step">Training step.</param>
/// <param name="Loss">Its loss.</param>
/// <param name="Node">The provider node that ran it (provider-N).</param>
/// <param name="Epoch">The lease's epoch on that node.</param>
internal sealed record LossPoint(long Step, double Loss, string Node, uint Epoch);
