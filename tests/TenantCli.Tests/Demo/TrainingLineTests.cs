using CsCheck;
using DePinGpu.TenantCli.Demo;

namespace DePinGpu.TenantCli.Tests.Demo;

public sealed class TrainingLineTests
{
    [Theory]
    [InlineData("step=120 loss=0.034512", nameof(TrainingLineKind.Loss), 120, 0.034512)]
    [InlineData("done step=1500 loss=0.001200", nameof(TrainingLineKind.Done), 1500, 0.0012)]
    [InlineData("checkpoint step=300 dir=/data/leases/1/checkpoints/step-300", nameof(TrainingLineKind.Checkpoint), 300, double.NaN)]
    [InlineData("resumed from step=300 dir=/data/resume", nameof(TrainingLineKind.Resumed), 300, double.NaN)]
    [InlineData("start device=cpu torch=1.13.0a0 first_step=301 last_step=1500 lease=1 epoch=1 restart=0", nameof(TrainingLineKind.Started), 301, double.NaN)]
    public void Parse_TrainPyLines_NameKindStepAndLoss(string text, string kind, long step, double loss)
    {
        var line = TrainingLine.Parse(text);

        Assert.Equal(kind, line.Kind.ToString());
        Assert.Equal(step, line.Step);
        Assert.Equal(loss, line.Loss, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("terminated at step=40")]
    [InlineData("step=12 loss=")]
    [InlineData("step=99999999999999 loss=0.1")]
    [InlineData("xstep=1 loss=0.1")]
    [InlineData("Traceback (most recent call last):")]
    public void Parse_OtherLines_AreOther(string text) => Assert.Equal(TrainingLineKind.Other, TrainingLine.Parse(text).Kind);

    [Fact]
    public void Parse_AnyText_NeverThrowsAndOnlyNamesStepsItRead() =>
        Gen.String.Sample(text =>
        {
            var line = TrainingLine.Parse(text);
            return line.Kind == TrainingLineKind.Other || text.Contains(line.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });
}
