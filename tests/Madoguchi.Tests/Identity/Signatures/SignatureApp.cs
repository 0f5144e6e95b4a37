using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// The host on Kestrel with the dev identity provider (residents sign in with the card), the test
/// PKI's root as the only trust anchor, its CRLs as files, and the local signing service.
/// </summary>
public sealed class SignatureApp : MadoguchiApp
{
    public SignatureApp()
    {
        Pki = new TestPki();
        SignService = new SignServiceHost(Pki, "MadoguchiDev", () => BaseAddress);
        OnKestrel()
            .With("Identity:DevProvider:Enabled", "true")
            .With("Signatures:TrustAnchorPaths:0", Pki.RootPath)
            .With("Signatures:CrlSources:0", Pki.RootCrlPath)
            .With("Signatures:CrlSources:1", Pki.IntermediateCrlPath)
            .With("Signatures:SignServiceBaseUrl", SignService.BaseAddress.ToString());
    }

    public TestPki Pki { get; }
    public SignServiceHost SignService { get; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SignService.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Pki.Dispose();
        }
    }
}
