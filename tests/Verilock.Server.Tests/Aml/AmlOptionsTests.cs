using Verilock.Server.Aml;

namespace Verilock.Server.Tests.Aml;

/// <summary>The monitoring settings of <c>Verilock:Aml</c> are checked at start-up like the others.</summary>
public sealed class AmlOptionsTests
{
    [Theory]
    [InlineData("04:00", 4, 0)]
    [InlineData("23:59", 23, 59)]
    [InlineData("00:30:15", 0, 30)]
    public void A_time_of_day_is_read(string value, int hours, int minutes)
    {
        var options = new AmlOptions { MonitoringTime = value };
        Assert.Empty(options.Problems());
        Assert.Equal(hours, options.MonitoringTimeOfDay.Hours);
        Assert.Equal(minutes, options.MonitoringTimeOfDay.Minutes);
    }

    [Theory]
    [InlineData("24:00")]
    [InlineData("4:00am")]
    [InlineData("4")]
    [InlineData("")]
    public void Anything_else_is_a_problem(string value) =>
        Assert.Equal(["Verilock:Aml:MonitoringTime must be a UTC time of day as HH:mm, e.g. 04:00."], new AmlOptions { MonitoringTime = value }.Problems());

    [Fact]
    public void Batch_size_and_staleness_are_bounded()
    {
        Assert.Equal(["Verilock:Aml:MonitoringBatchSize must be between 1 and 100000."], new AmlOptions { MonitoringBatchSize = 0 }.Problems());
        Assert.Equal(["Verilock:Aml:MonitoringStaleAfter must be positive."], new AmlOptions { MonitoringStaleAfter = TimeSpan.Zero }.Problems());
        Assert.Equal(TimeSpan.FromHours(4), new AmlOptions().MonitoringTimeOfDay);
        Assert.Empty(new AmlOptions().Problems());
    }
}
