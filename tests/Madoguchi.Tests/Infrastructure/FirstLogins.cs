namespace Madoguchi.Tests.Infrastructure;

/// <summary>Reads the demo's first staff logins from data/first-login.txt, as a new user of ./run would.</summary>
public static class FirstLogins
{
    /// <summary>E-mail and password of the login whose line names <paramref name="email"/>.</summary>
    public static (string Email, string Password) Of(string dataDirectory, string email)
    {
        var line = File.ReadAllLines(Path.Combine(dataDirectory, "first-login.txt"))
            .Single(l => l.Contains(email, StringComparison.Ordinal));
        // "label: e-mail / password"
        var parts = line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(" / ");
        return (parts[0], parts[1]);
    }
}
