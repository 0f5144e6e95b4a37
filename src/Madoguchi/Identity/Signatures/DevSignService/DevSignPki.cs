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
        Cards =
        [
            new SignServiceState.Card("yamada", "山田　太郎（有効な署名用電子証明書）", Card("yamada", yamada, now.AddDays(-1), now.AddYears(5)), [intermediate]),
            new SignServiceState.Card("sato", "佐藤　花子（有効な署名用電子証明書）", Card("sato", sato, now.AddDays(-1), now.AddYears(5)), [intermediate]),
            new SignServiceState.Card("revoked", "山田　太郎（失効した証明書）", revoked, [intermediate]),
            new SignServiceState.Card("expired", "山田　太郎（有効期限切れの証明書）", Card("expired", yamada, now.AddYears(-6), now.AddDays(-1)), [intermediate]),
        ];

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
    public string RootPath { get; }
    public string RootCrlPath { get; }
    public string IntermediateCrlPath { get; }

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
