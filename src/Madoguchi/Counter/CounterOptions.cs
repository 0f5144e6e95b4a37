using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Counter;

/// <summary>Settings of the counter module (section "Counter").</summary>
public sealed class CounterOptions
{
    /// <summary>Whether this node runs the day-before reminder loop (any number of nodes may).</summary>
    public bool Reminders { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the e-mail confirmation link of a booking stays valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Booking posts one client address may send per hour (each may mail a confirmation link to any address).</summary>
    [Range(1, 100_000)]
    public int BookingPostsPerHour { get; set; } = 30;

    /// <summary>Tickets one client address may draw per hour from the kiosk page (the kiosk is public).</summary>
    [Range(1, 100_000)]
    public int TicketsPerHour { get; set; } = 600;
}
