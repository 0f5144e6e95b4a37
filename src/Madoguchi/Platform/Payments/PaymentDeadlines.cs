namespace Madoguchi.Platform.Payments;

/// <summary>
/// 事後決済 deadlines: paymentDays after the approval, counted in Japan calendar days, to the end of
/// the last day (a resident approved at 16:00 with 14 days pays until 23:59 on the 14th day after).
/// </summary>
public static class PaymentDeadlines
{
    private static readonly TimeZoneInfo Japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    /// <summary>The UTC instant from which the fee can no longer be paid.</summary>
    public static DateTime DueAt(DateTime approvedUtc, int paymentDays)
    {
        var approvedDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(approvedUtc, DateTimeKind.Utc), Japan));
        var firstDayAfter = approvedDay.AddDays(Math.Max(0, paymentDays) + 1);
        return TimeZoneInfo.ConvertTimeToUtc(firstDayAfter.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Japan);
    }

    /// <summary>The last Japan calendar day on which a fee due at <paramref name="dueAt"/> may be paid.</summary>
    public static DateOnly LastDay(DateTime dueAt) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(dueAt.AddTicks(-1), DateTimeKind.Utc), Japan));
}
