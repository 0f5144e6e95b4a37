using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.BrowserTests.Infrastructure;

/// <summary>The browser against the demo installation ./run starts: the five seed municipalities and their first logins.</summary>
public sealed class DemoBrowserFixture : BrowserFixture
{
    public DemoBrowserFixture()
        : base(demo: true)
    {
    }

    /// <summary>E-mail and password of a first login written to data/first-login.txt.</summary>
    public (string Email, string Password) FirstLogin(string email) => FirstLogins.Of(App.DataDirectory, email);
}
