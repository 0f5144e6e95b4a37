using Madoguchi.Identity;
using Madoguchi.Platform.Residents;

namespace Madoguchi.Tests.Identity;

/// <summary>The Identity module issues the claims that the platform contract tells other modules to read.</summary>
public sealed class SignedInResidentContractTests
{
    [Fact]
    public void A_card_sign_in_principal_satisfies_the_contract()
    {
        var account = new ResidentAccount { TenantId = Guid.NewGuid(), Issuer = "https://idp.example", Subject = "ppid-1", Name = "山田 太郎" };
        var card = ResidentClaims.Principal(account, AssuranceLevel.Card);
        Assert.Equal(account.Id, SignedInResident.Id(card));
        Assert.True(SignedInResident.SignedInWithCard(card));

        var password = ResidentClaims.Principal(account, AssuranceLevel.Password);
        Assert.False(SignedInResident.SignedInWithCard(password));
        Assert.Equal(ResidentPolicies.Resident, SignedInResident.Policy);
    }
}
