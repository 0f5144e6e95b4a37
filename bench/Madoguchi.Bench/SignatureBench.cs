using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Identity.Signatures;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.Verification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 4: verifications per second of a JPKI signature on one thread (one core) with a warm CRL
/// cache — RSA check of the signature, the path to the trust anchor, key usage, validity and the
/// revocation lookup in a 100,000-entry CRL — against the bare RSA PKCS#1 v1.5 verify of the same
/// signature in the same run. Then the CRL itself: load time and lookup cost at 1,000, 10,000
/// and 100,000 entries (a flat cost per lookup is the O(1) claim). A second signer names an OCSP
/// responder (the local one, on Kestrel): its verification with the good answer cached (until
/// nextUpdate) is measured in the same rounds.
/// </summary>
internal static class SignatureBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("madoguchi-bench-pki-").FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            var root = JpkiCertificateFactory.CreateRoot("Bench Root", now.AddDays(-1), now.AddYears(5));
            var intermediateKey = RSA.Create(2048);
            var intermediate = JpkiCertificateFactory.CreateIntermediate(root, "Bench CA", now.AddDays(-1), now.AddYears(5), intermediateKey).CopyWithPrivateKey(intermediateKey);
            var person = new JpkiCertificateFactory.Person("山田　太郎", "宮城県塩竈市旭町1番1号", new DateOnly(1980, 4, 1), "1");
            var signer = JpkiCertificateFactory.CreateResident(intermediate, person, RSA.Create(2048), now.AddDays(-1), now.AddYears(4));
            // The local OCSP responder for the intermediate, answering with the CA's own key.
            var responder = new OcspResponder(intermediate, intermediate, TimeSpan.FromHours(1));
            var ocspBuilder = WebApplication.CreateSlimBuilder();
            ocspBuilder.WebHost.UseUrls("http://127.0.0.1:0");
            ocspBuilder.Logging.ClearProviders();
            await using var ocspHost = ocspBuilder.Build();
            responder.Map(ocspHost, "/ocsp");
            await ocspHost.StartAsync();
            var ocspUrl = new Uri(new Uri(ocspHost.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/ocsp").ToString();
            var ocspSigner = JpkiCertificateFactory.CreateResident(intermediate, person, RSA.Create(2048), now.AddDays(-1), now.AddYears(4), ocspUrl: ocspUrl);
            responder.Knows(ocspSigner);

            var revoked = Serials(100_000, 7).ToList();
            var crlWatch = Stopwatch.StartNew();
            var crl = JpkiCertificateFactory.CreateCrl(intermediate, revoked, now.AddMinutes(-5), now.AddDays(1), 1);
            crlWatch.Stop();
            File.WriteAllText(Path.Combine(directory, "root.pem"), root.ExportCertificatePem());
            File.WriteAllBytes(Path.Combine(directory, "root.crl"), JpkiCertificateFactory.CreateCrl(root, [], now.AddMinutes(-5), now.AddDays(1), 1));
            File.WriteAllBytes(Path.Combine(directory, "intermediate.crl"), crl);

            var settings = Options.Create(new SignatureOptions
            {
                TrustAnchorPaths = ["root.pem"],
                CrlSources = ["root.crl", "intermediate.crl"],
            });
            var environment = new HostingEnvironment { ContentRootPath = directory };
            var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
            var cache = new CrlCache(http, settings, environment, TimeProvider.System, NullLogger<CrlCache>.Instance);
            var ocsp = new OcspClient(http, settings, TimeProvider.System, NullLogger<OcspClient>.Instance);
            var checks = new SignatureChecks(new CertificateVerifier(settings, environment, cache, ocsp, NullLogger<CertificateVerifier>.Instance));

            var digest = SHA256.HashData("{\"application\":\"bench\",\"data\":{\"name\":\"山田 太郎\"}}"u8);
            using var key = signer.GetRSAPrivateKey()!;
            var signature = key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var publicKey = signer.GetRSAPublicKey()!;
            var certificate = signer.RawData;
            byte[][] chain = [intermediate.RawData];

            using var ocspKey = ocspSigner.GetRSAPrivateKey()!;
            var ocspSignature = ocspKey.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var ocspCertificate = ocspSigner.RawData;
            var ocspFirst = await checks.VerifyRawAsync(digest, ocspSignature, ocspCertificate, chain, DateTime.UtcNow, default);
            if (ocspFirst.Failure is not null)
            {
                Console.Error.WriteLine("warm-up OCSP verification failed: " + ocspFirst.Failure.Code);
                return 1;
            }

            // Warm: JIT, the parsed certificates, the issuer signatures and both CRLs in the cache.
            var first = await checks.VerifyRawAsync(digest, signature, certificate, chain, DateTime.UtcNow, default);
            if (first.Failure is not null)
            {
                Console.Error.WriteLine("warm-up verification failed: " + first.Failure.Code);
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"signature bench: RSA-2048 PKCS#1 v1.5 SHA-256, root + intermediate, intermediate CRL of {revoked.Count:N0} entries ({crl.Length / 1024.0:N0} KiB, built in {crlWatch.Elapsed.TotalSeconds:F1} s), one thread, {options.Rounds} rounds"));
            var seconds = Math.Min(options.Seconds, 3);
            for (var round = 1; round <= options.Rounds; round++)
            {
                var bare = Measure(seconds, () => publicKey.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                var full = Measure(seconds, () => checks.VerifyRawAsync(digest, signature, certificate, chain, DateTime.UtcNow, default).GetAwaiter().GetResult().Failure is null);
                var byOcsp = Measure(seconds, () => checks.VerifyRawAsync(digest, ocspSignature, ocspCertificate, chain, DateTime.UtcNow, default).GetAwaiter().GetResult().Failure is null);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: bare RSA verify {bare,8:F0}/s   full verification (CRL) {full,8:F0}/s   ratio {full / bare:F2}   full verification (OCSP, cached) {byOcsp,8:F0}/s   ratio {byOcsp / bare:F2}"));
            }

            // The app flow opens one JWE per signature (RSA-OAEP-256 unwrap with the result key + A256GCM): its cost next to the verification's.
            using var resultKey = RSA.Create(2048);
            var payload = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{{\"signature\":\"{Convert.ToBase64String(signature)}\",\"certificate\":\"{Convert.ToBase64String(certificate)}\",\"certificate_chain\":[\"{Convert.ToBase64String(chain[0])}\"]}}"));
            var envelope = JweEncryptor.Encrypt(payload, resultKey, "bench");
            var opens = Measure(seconds, () => Madoguchi.Identity.Signatures.SignApp.JweDecryptor.Decrypt(envelope, resultKey, "bench").Plaintext is not null);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"signing result JWE (RSA-OAEP-256 + A256GCM, {envelope.Length:N0} characters) opened {opens,8:F0}/s on one thread"));

            Console.WriteLine("CRL load and lookups:");
            foreach (var size in new[] { 1_000, 10_000, 100_000 })
            {
                var serials = Serials(size, 13).ToList();
                var der = JpkiCertificateFactory.CreateCrl(intermediate, serials, now.AddMinutes(-5), now.AddDays(1), 2);
                var load = Stopwatch.StartNew();
                var list = RevocationList.Parse(der)!;
                load.Stop();
                var probes = Enumerable.Range(0, 1024).Select(i => i % 2 == 0 ? serials[i * 7919 % size] : Serial(10_000_000 + i)).ToArray();
                var hits = 0;
                var lookups = 2_000_000;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < lookups; i++)
                {
                    hits += list.IsRevoked(probes[i & 1023]) ? 1 : 0;
                }

                watch.Stop();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {size,7:N0} entries: parsed in {load.Elapsed.TotalMilliseconds,7:F1} ms, {watch.Elapsed.TotalMilliseconds * 1_000_000 / lookups,6:F1} ns per lookup ({hits * 100.0 / lookups:F0}% revoked)"));
            }

            Console.WriteLine($"OCSP requests sent during the rounds: {ocsp.Requests} (the good answer is kept until its nextUpdate); the responder saw {responder.GetRequests} GET, {responder.PostRequests} POST");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Measure(double seconds, Func<bool> verify)
    {
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (var i = 0; i < 64; i++)
            {
                if (!verify())
                {
                    throw new InvalidOperationException("A verification failed during the benchmark.");
                }
            }

            count += 64;
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static IEnumerable<byte[]> Serials(int count, int stride) =>
        Enumerable.Range(1, count).Select(i => Serial(1_000_000L + (long)i * stride * 7919));

    private static byte[] Serial(long value) => new BigInteger(value).ToByteArray(isUnsigned: false, isBigEndian: true);
}
