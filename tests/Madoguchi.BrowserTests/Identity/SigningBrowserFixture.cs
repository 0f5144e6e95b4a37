using Madoguchi.BrowserTests.Infrastructure;

namespace Madoguchi.BrowserTests.Identity;

/// <summary>The browser fixture with the local デジタル認証アプリ signing service mounted in the host, as ./run serves it.</summary>
public sealed class SigningBrowserFixture : BrowserFixture
{
    public SigningBrowserFixture() => App.With("Signatures:DevService:Enabled", "true");
}
