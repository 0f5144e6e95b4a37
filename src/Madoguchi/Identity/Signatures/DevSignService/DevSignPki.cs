using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Platform;

namespace Madoguchi.Identity.Signatures.DevSignService;

/// <summary>
/// The development signing service's own PKI (demo mode only): a root and an intermediate CA and
/// the cards of the demo residents, kept under {data}/signatures-dev so signatures made in one run
/// still verify in the next. Its root and CRLs are added to the trust configuration in demo mode only.
/// </summary>
internal sealed class DevSignPki
{
    public DevSignPki(IConfiguration configuration, IHostEnvironment environment)
    {
        Directory = Path.Combine(DataDirectory.Resolve(configuration, environment), "signatures-dev");
        System.IO.Directory.CreateDirectory(Directory);
        var now = DateTimeOffset.UtcNow;
        var root = LoadOrCreate("root", () => JpkiCertificateFactory.CreateRoot("Madoguchi Dev JPKI Sign Root", now.AddDays(-1), now.AddYears(20)));
        var intermediate = LoadOrCreate("intermediate", () =>
        {
            var key = RSA.Create(2048);
            return JpkiCertificateFactory.CreateIntermediate(root, "Madoguchi Dev JPKI Sign CA", now.AddDays(-1), now.AddYears(15), key).CopyWithPrivateKey(key);
        });
        X509Certificate2 Card(string name, JpkiCertificateFactory.Person person, DateTimeOffset from, DateTimeOffset to) =>
            LoadOrCreate(name, () => JpkiCertificateFactory.CreateResident(intermediate, person, RSA.Create(2048), from, to));

        var yamada = new JpkiCertificateFactory.Person("山田　太郎", "宮城県塩竈市旭町1番1号", new DateOnly(1980, 4, 1), "1");
        var sato = new JpkiCertificateFactory.Person("佐藤　花子", "宮城県大崎市古川七日町1番1号", new DateOnly(1992, 7, 15), "2");
        var revoked = Card("revoked", yamada, now.AddYears(-1), now.AddYears(4));

        // A card naming this host's OCSP responder (/dev-sign/ocsp), answered by a delegated responder
        // certificate of the dev CA. Made once with the address of that run; if the address changes,
        // the responder is unreachable and the CRL (configured in demo mode) answers instead.
        var ocspUrl = OcspUrl(configuration);
        var ocspCard = LoadOrCreate("yamada-ocsp", () => JpkiCertificateFactory.CreateResident(intermediate, yamada, RSA.Create(2048), now.AddDays(-1), now.AddYears(5), ocspUrl: ocspUrl));
        var responderCertificate = LoadOrCreate("ocsp-responder", () => OcspResponder.CreateDelegate(intermediate, now.AddDays(-1), now.AddYears(5)));
        Responder = new OcspResponder(intermediate, responderCertificate, TimeSpan.FromHours(1));
        Cards =
        [
            new SignServiceState.Card("yamada", "山田　太郎（有効な署名用電子証明書）", Card("yamada", yamada, now.AddDays(-1), now.AddYears(5)), [intermediate]),
            new SignServiceState.Card("sato", "佐藤　花子（有効な署名用電子証明書）", Card("sato", sato, now.AddDays(-1), now.AddYears(5)), [intermediate]),
            new SignServiceState.Card("yamada-ocsp", "山田　太郎（OCSPで失効を確認する証明書）", ocspCard, [intermediate]),
            new SignServiceState.Card("revoked", "山田　太郎（失効した証明書）", revoked, [intermediate]),
            new SignServiceState.Card("expired", "山田　太郎（有効期限切れの証明書）", Card("expired", yamada, now.AddYears(-6), now.AddDays(-1)), [intermediate]),
        ];

        foreach (var card in Cards)
        {
            Responder.Knows(card.Certificate, card.Key == "revoked" ? new OcspResponder.Revocation(now.AddDays(-1), X509RevocationReason.KeyCompromise) : null);
        }

        RootPath = Path.Combine(Directory, "root.pem");
        File.WriteAllText(RootPath, root.ExportCertificatePem());
        // CRLs are made fresh at each start; a year ahead, so a long demo never fails closed.
        RootCrlPath = Path.Combine(Directory, "root.crl");
        File.WriteAllBytes(RootCrlPath, JpkiCertificateFactory.CreateCrl(root, [], now.AddMinutes(-5), now.AddYears(1), now.ToUnixTimeSeconds()));
        IntermediateCrlPath = Path.Combine(Directory, "intermediate.crl");
        File.WriteAllBytes(IntermediateCrlPath, JpkiCertificateFactory.CreateCrl(intermediate, [revoked.SerialNumberBytes.ToArray()], now.AddMinutes(-5), now.AddYears(1), now.ToUnixTimeSeconds()));
    }

    public string Directory { get; }
    public IReadOnlyList<SignServiceState.Card> Cards { get; }

    /// <summary>The dev CA's OCSP responder, mounted at /dev-sign/ocsp.</summary>
    public OcspResponder Responder { get; }
    public string RootPath { get; }
    public string RootCrlPath { get; }
    public string IntermediateCrlPath { get; }

    /// <summary><c>Signatures:DevService:OcspUrl</c>, else /dev-sign/ocsp on the first address the host listens on (./run: http://127.0.0.1:5080).</summary>
    private static string OcspUrl(IConfiguration configuration)
    {
        if (configuration["Signatures:DevService:OcspUrl"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var first = (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var origin = first is not null && Uri.TryCreate(first.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : "http://127.0.0.1:5080";
        return origin + DevSignServiceSetup.Prefix + "/ocsp";
    }

    private X509Certificate2 LoadOrCreate(string name, Func<X509Certificate2> create)
    {
        var path = Path.Combine(Directory, name + ".pfx");
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
        }

        var certificate = create();
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return certificate;
    }
}
