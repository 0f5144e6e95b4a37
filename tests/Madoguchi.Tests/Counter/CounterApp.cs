using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Counter;

/// <summary>The host with the counter's per-address post limits raised: the tests post from one address.</summary>
public sealed class CounterApp : MadoguchiApp
{
    public CounterApp()
    {
        With("Counter:BookingPostsPerHour", "100000");
        With("Counter:TicketsPerHour", "100000");
        With("Counter:Reminders", "false");
    }
}
