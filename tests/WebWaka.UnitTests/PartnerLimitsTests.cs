using WebWaka.Partner.Domain;

namespace WebWaka.UnitTests;

public sealed class PartnerLimitsTests
{
    private static readonly PartnerLimits Platform = new(CreatesPerMinute: 40, ProvisioningsInFlight: 20, RequestsPerMinute: 600);

    [Theory]
    [InlineData(39, 19, null)]
    [InlineData(40, 0, "40 client platforms a minute")]
    [InlineData(0, 20, "20 provisionings in flight")]
    [InlineData(40, 20, "40 client platforms a minute")]
    public void One_more_provisioning_breaks_the_first_limit_it_reaches(int startedLastMinute, int inFlight, string? broken)
    {
        Assert.Equal(broken, Platform.BrokenBy(startedLastMinute, inFlight));
    }

    [Fact]
    public void A_partner_given_its_own_limits_has_them_and_the_platforms_for_the_rest()
    {
        var partner = new WebWaka.Partner.Domain.Partner { Name = "Agency", Slug = "agency", ContactEmail = "a@agency.example", CreatesPerMinute = 5 };

        Assert.Equal(new PartnerLimits(5, 20, 600), Platform.Of(partner));
        Assert.Equal(Platform, Platform.Of(new WebWaka.Partner.Domain.Partner { Name = "Other", Slug = "other", ContactEmail = "o@other.example" }));
    }
}
