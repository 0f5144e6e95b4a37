namespace Madoguchi.Tests.Platform.Mail;

/// <summary>A clock the test moves by hand, so back-off can be checked without waiting.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
