using ChatHistory.Engine;

namespace ChatHistory.Tests.Engine;

public class ProgressEstimateTests
{
    [Fact]
    public void AKnownTotalGivesPercentAndSecondsLeft()
    {
        var estimate = ProgressEstimate.Of(25, 100, TimeSpan.FromSeconds(5));

        Assert.Equal(25, estimate.PercentComplete);
        Assert.Equal(5.0, estimate.PerSecond);
        Assert.Equal(15, estimate.SecondsRemaining);
        Assert.Equal("25 sessions, 5/s", estimate.Describe("sessions"));
    }

    [Fact]
    public void AnUnknownTotalGivesOnlyTheRate()
    {
        var estimate = ProgressEstimate.Of(30, null, TimeSpan.FromSeconds(2));

        Assert.Equal(-1, estimate.PercentComplete);
        Assert.Equal(-1, estimate.SecondsRemaining);
        Assert.Equal(15.0, estimate.PerSecond);
    }

    [Fact]
    public void NothingReadYetHasNoRateAndNoEstimate()
    {
        var estimate = ProgressEstimate.Of(0, 10, TimeSpan.Zero);

        Assert.Equal(0, estimate.PercentComplete);
        Assert.Equal(-1, estimate.SecondsRemaining);
        Assert.Equal("0 messages", estimate.Describe("messages"));
    }

    [Fact]
    public void MoreThanTheTotalStaysAtOneHundredPercent()
    {
        Assert.Equal(100, ProgressEstimate.Of(12, 10, TimeSpan.FromSeconds(1)).PercentComplete);
        Assert.Equal(0, ProgressEstimate.Of(12, 10, TimeSpan.FromSeconds(1)).SecondsRemaining);
    }
}
