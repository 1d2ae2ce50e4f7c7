using Verilock.Domain.Aml;

namespace Verilock.Domain.Tests;

/// <summary>When the day's scheduled run (spec §16) takes an item: counted in scheduled times, not hours.</summary>
public class MonitoringFrequencyTests
{
    private static readonly DateTime Monday = new(2026, 3, 16, 4, 0, 0, DateTimeKind.Utc); // a scheduled time

    [Theory]
    [InlineData("daily", Daily)]
    [InlineData("weekly", Weekly)]
    public void Wire_names_read_back(string wire, MonitoringFrequency frequency)
    {
        Assert.True(MonitoringFrequencies.TryParse(wire, out var read));
        Assert.Equal(frequency, read);
        Assert.Equal(wire, frequency.ToWire());
    }

    [Theory]
    [InlineData("Daily")]
    [InlineData("monthly")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_frequency(string? wire) => Assert.False(MonitoringFrequencies.TryParse(wire, out _));

    [Fact]
    public void A_daily_item_is_due_at_the_first_scheduled_time_after_it_was_screened()
    {
        Assert.True(Daily.IsDue(Monday.AddHours(-17.5), Monday)); // created Sunday 10:30
        Assert.True(Daily.IsDue(Monday.AddDays(-1).AddSeconds(40), Monday)); // screened by Sunday's run itself, 40 s in
        Assert.False(Daily.IsDue(Monday, Monday));
        Assert.False(Daily.IsDue(Monday.AddMinutes(5), Monday)); // a list-version run re-screened it since Monday's time
        Assert.True(Daily.IsDue(Monday.AddMinutes(5), Monday.AddDays(1)));
    }

    [Fact]
    public void A_weekly_item_is_due_at_the_seventh()
    {
        var screened = Monday.AddHours(6); // Monday 10:00: Monday's time had passed
        for (var day = 1; day <= 6; day++)
            Assert.False(Weekly.IsDue(screened, Monday.AddDays(day)), $"day {day}");
        Assert.True(Weekly.IsDue(screened, Monday.AddDays(7)));

        var early = Monday.AddHours(-1); // Monday 03:00: Monday's time was still to come
        Assert.False(Weekly.IsDue(early, Monday.AddDays(5)));
        Assert.True(Weekly.IsDue(early, Monday.AddDays(6))); // the seventh time after it: Sunday 04:00
    }

    private const MonitoringFrequency Daily = MonitoringFrequency.Daily;
    private const MonitoringFrequency Weekly = MonitoringFrequency.Weekly;
}
