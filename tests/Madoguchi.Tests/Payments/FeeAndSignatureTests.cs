using System.Text.Json.Nodes;
using Madoguchi.Payments.Stripe;
using Madoguchi.Procedures.Fees;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Tests.Payments;

/// <summary>The fee table of 住民票の写し and the Stripe-Signature check, without a host.</summary>
public sealed class FeeAndSignatureTests
{
    private static readonly ProcedureTemplate Juminhyo = TemplateLibrary.Embedded.Find(PaymentFlow.Key)!;

    [Theory]
    [InlineData(1, "年金の手続", 300)]
    [InlineData(2, "年金の手続", 600)]
    [InlineData(10, "その他", 3000)]
    [InlineData(3, "生活保護の申請", 0)]
    public void The_fee_is_300_yen_per_copy_and_0_yen_with_a_reason_when_exempt(int copies, string purpose, long expected)
    {
        var lines = FeeCalculator.Lines(Juminhyo, (JsonObject)JsonNode.Parse(PaymentFlow.Answers(copies, purpose))!);
        var line = Assert.Single(lines);
        Assert.Equal(expected, line.AmountYen);
        Assert.Equal(copies, line.Quantity);
        Assert.Equal("住民票の写し", line.Item);
        Assert.Equal(expected == 0, line.ExemptionReason is not null);
    }

    [Fact]
    public void A_missing_or_absurd_number_of_copies_never_makes_a_negative_or_huge_fee()
    {
        var data = (JsonObject)JsonNode.Parse(PaymentFlow.Answers(1))!;
        data["copies"] = -5;
        Assert.Empty(FeeCalculator.Lines(Juminhyo, data));
        data["copies"] = 1_000_000_000;
        Assert.Equal(30_000, Assert.Single(FeeCalculator.Lines(Juminhyo, data)).AmountYen);
        data.Remove("copies");
        Assert.Empty(FeeCalculator.Lines(Juminhyo, data));
    }

    [Fact]
    public void A_signature_is_valid_only_with_the_secret_the_body_and_a_fresh_timestamp()
    {
        var now = DateTimeOffset.UtcNow;
        var header = StripeSignature.Sign("""{"id":"evt_1"}""", "whsec_a", now.ToUnixTimeSeconds());
        Assert.Equal(StripeSignature.Check.Valid, StripeSignature.Verify("""{"id":"evt_1"}""", header, "whsec_a", now, 300));
        Assert.Equal(StripeSignature.Check.Mismatch, StripeSignature.Verify("""{"id":"evt_2"}""", header, "whsec_a", now, 300));
        Assert.Equal(StripeSignature.Check.Mismatch, StripeSignature.Verify("""{"id":"evt_1"}""", header, "whsec_b", now, 300));
        Assert.Equal(StripeSignature.Check.TooOld, StripeSignature.Verify("""{"id":"evt_1"}""", header, "whsec_a", now.AddSeconds(301), 300));
        Assert.Equal(StripeSignature.Check.Missing, StripeSignature.Verify("""{"id":"evt_1"}""", null, "whsec_a", now, 300));
        // A roll of the secret: several v1 values, one of which matches.
        Assert.Equal(StripeSignature.Check.Valid, StripeSignature.Verify("""{"id":"evt_1"}""", header + ",v1=00ff", "whsec_a", now, 300));
    }
}
