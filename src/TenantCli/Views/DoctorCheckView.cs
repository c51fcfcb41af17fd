namespace DePinGpu.TenantCli.Views;

/// <summary>JSON shape of one <c>doctor</c> check: status is ok, warn or fail; fix says what to do (empty when ok).</summary>
internal sealed record DoctorCheckView(string Check, string Status, string Detail, string Fix);
