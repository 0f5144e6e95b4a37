namespace Madoguchi.BrowserTests.Infrastructure;

/// <summary>The browser against the demo installation ./run starts: the five seed municipalities and their first logins.</summary>
public sealed class DemoBrowserFixture : BrowserFixture
{
    public DemoBrowserFixture()
        : base(demo: true)
    {
    }

    /// <summary>E-mail and password of a first login written to data/first-login.txt.</summary>
    public (string Email, string Password) FirstLogin(string email)
    {
        var line = File.ReadAllLines(Path.Combine(App.DataDirectory, "first-login.txt"))
            .Single(l => l.Contains(email, StringComparison.Ordinal));
        var parts = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(" / ");
        return (parts[0], parts[1]);
    }
}
