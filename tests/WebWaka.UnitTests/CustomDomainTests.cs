using WebWaka.Instance.Domain;

namespace WebWaka.UnitTests;

public sealed class CustomDomainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static CustomDomain Claim(string hostname = "Shop.Example.com.") =>
        CustomDomain.Claim(hostname, new PlatformInstance { Id = Guid.NewGuid(), TenantId = Guid.NewGuid(), PartnerId = Guid.NewGuid(), Name = "Main" },
            Now, TimeSpan.FromDays(7));

    [Fact]
    public void A_claim_is_pending_with_a_random_value_to_publish_under_the_challenge_name()
    {
        var domain = Claim();

        Assert.Equal(("shop.example.com", "_webwaka-challenge.shop.example.com"), (domain.Hostname, domain.ChallengeName));
        Assert.Equal(DomainStatus.Pending, domain.Status);
        Assert.Matches("^[0-9a-f]{32}$", domain.VerificationToken);
        Assert.NotEqual(domain.VerificationToken, Claim().VerificationToken);
        Assert.Equal(Now.AddDays(7), domain.ExpiresAt);
    }

    [Fact]
    public void It_is_verified_only_when_the_record_holds_its_value_and_says_what_it_found_otherwise()
    {
        var domain = Claim();

        Assert.Equal(VerificationOutcome.NotFound, domain.Verify([], null, Now.AddMinutes(1)));
        Assert.Equal("No TXT record at _webwaka-challenge.shop.example.com.", domain.LastCheckResult);
        Assert.Equal(VerificationOutcome.NotFound, domain.Verify(["someone-else"], null, Now.AddMinutes(2)));
        Assert.Contains("'someone-else'", domain.LastCheckResult);
        Assert.Equal(VerificationOutcome.NotFound, domain.Verify([], "The DNS answered Refused.", Now.AddMinutes(3)));
        Assert.Equal("The DNS answered Refused.", domain.LastCheckResult);
        Assert.Equal(DomainStatus.Pending, domain.Status);

        Assert.Equal(VerificationOutcome.Verified, domain.Verify(["someone-else", domain.VerificationToken], null, Now.AddMinutes(4)));
        Assert.Equal((DomainStatus.Verified, Now.AddMinutes(4)), (domain.Status, domain.VerifiedAt));
        Assert.Equal(VerificationOutcome.AlreadyVerified, domain.Verify([], null, Now.AddDays(30)));
        Assert.Equal(DomainStatus.Verified, domain.Status);
    }

    [Fact]
    public void A_claim_not_verified_within_its_time_expires_even_if_the_record_appears_later()
    {
        var domain = Claim();

        Assert.Equal(VerificationOutcome.NotFound, domain.Verify([], null, Now.AddDays(7).AddSeconds(-1)));
        Assert.Equal(VerificationOutcome.Expired, domain.Verify([domain.VerificationToken], null, Now.AddDays(7)));
        Assert.Equal(DomainStatus.Expired, domain.Status);
        Assert.Equal(VerificationOutcome.Expired, domain.Verify([domain.VerificationToken], null, Now.AddDays(8)));
    }
}
