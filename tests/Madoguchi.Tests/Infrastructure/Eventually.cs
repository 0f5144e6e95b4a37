namespace Madoguchi.Tests.Infrastructure;

/// <summary>Waits for a condition with a bound, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
