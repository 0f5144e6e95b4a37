using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.Verification;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>The JPKI pieces without a host: DigestInfo, the 基本4情報 otherNames, and a 100,000-entry CRL.</summary>
public sealed class CertificateProfileTests : IClassFixture<TestPki>
{
    private readonly TestPki _pki;

    public CertificateProfileTests(TestPki pki) => _pki = pki;

    [Fact]
    public void DigestInfo_is_the_RFC_8017_encoding_for_SHA256_and_reads_back()
    {
        var digest = SHA256.HashData("申請"u8);
        var der = DigestInfo.ForSha256(digest);
        Assert.StartsWith("3031300d060960864801650304020105000420", Convert.ToHexStringLower(der));
        Assert.Equal(digest, DigestInfo.ReadSha256(der));
        Assert.Null(DigestInfo.ReadSha256(der[..20]));
    }

    [Fact]
    public void The_four_basic_fields_are_read_from_the_subjectAltName_otherNames()
    {
        var identity = JpkiIdentity.Read(_pki.Good);
        Assert.Equal("山田　太郎", identity.Name);
        Assert.Equal("宮城県塩竈市旭町1番1号", identity.Address);
        Assert.Equal(new DateOnly(1980, 4, 1), identity.BirthDate);
        Assert.Equal("1", identity.Gender);
    }

    [Theory]
    [InlineData("419900102", "1990-01-02")]
    [InlineData("019900102", null)]
    [InlineData("419900000", null)]
    [InlineData("4199001", null)]
    public void Birth_dates_are_era_digit_and_Gregorian_date_and_partial_ones_are_refused(string value, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), JpkiIdentity.BirthDate(value));

    [Fact]
    public void A_CRL_of_100000_entries_loads_into_a_set_and_answers_both_ways()
    {
        var serials = Enumerable.Range(1, 100_000).Select(i => new BigInteger(i * 7919L + 1_000_000).ToByteArray(isUnsigned: false, isBigEndian: true)).ToList();
        var now = DateTimeOffset.UtcNow;
        var der = JpkiCertificateFactory.CreateCrl(_pki.Intermediate, serials, now.AddMinutes(-1), now.AddDays(1), 2);
        var list = RevocationList.Parse(der)!;
        Assert.Equal(100_000, list.Count);
        Assert.True(list.IsRevoked(serials[54_321]));
        Assert.False(list.IsRevoked(new BigInteger(3).ToByteArray(isUnsigned: true, isBigEndian: true)));
        Assert.True(SignedAsn1.Verify(list.Signed, _pki.Intermediate.GetRSAPublicKey()!));
        Assert.Equal(_pki.Intermediate.SubjectName.RawData, list.IssuerName);
    }

    [Fact]
    public void Garbage_is_no_CRL() => Assert.Null(RevocationList.Parse("not a crl"u8.ToArray()));
}
