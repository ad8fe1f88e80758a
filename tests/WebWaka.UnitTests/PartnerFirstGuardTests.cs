using WebWaka.Contracts;
using WebWaka.Contracts.PartnerFirst;

namespace WebWaka.UnitTests;

public sealed class PartnerFirstGuardTests
{
    private static readonly Guid Agency = Guid.Parse("5a1e5a1e-0000-4000-8000-00000000a9e1");
    private static readonly Guid WebWaka = WellKnownPartners.WebWakaDigitalServicesId;

    [Theory]
    [InlineData(null)]
    [InlineData("5a1e5a1e-0000-4000-8000-00000000a9e1")]
    [InlineData("0b3d2e00-5eed-4000-8000-000000000001")]
    public void Public_signup_never_creates_a_tenant_whatever_partner_it_names(string? partnerId)
    {
        var answer = PartnerFirstGuard.Attribute(TenantCreator.PublicSignup, partnerId is null ? null : Guid.Parse(partnerId));

        var refused = Assert.IsType<PartnerAttribution.Refused>(answer);
        Assert.Equal("TENANT_CREATION_REQUIRES_PARTNER", refused.Code);
    }

    [Theory]
    [InlineData(TenantCreator.Partner)]
    [InlineData(TenantCreator.PartnerSignupLink)]
    public void A_partner_caller_without_a_partner_id_is_refused(TenantCreator creator)
    {
        Assert.Equal("PARTNER_ID_REQUIRED", Assert.IsType<PartnerAttribution.Refused>(PartnerFirstGuard.Attribute(creator, null)).Code);
        Assert.Equal("PARTNER_ID_REQUIRED", Assert.IsType<PartnerAttribution.Refused>(PartnerFirstGuard.Attribute(creator, Guid.Empty)).Code);
    }

    [Theory]
    [InlineData(TenantCreator.Partner)]
    [InlineData(TenantCreator.PartnerSignupLink)]
    public void A_partner_caller_creates_for_its_own_partner(TenantCreator creator)
    {
        Assert.Equal(Agency, Assert.IsType<PartnerAttribution.Attributed>(PartnerFirstGuard.Attribute(creator, Agency)).PartnerId);
    }

    [Fact]
    public void WebWaka_Digital_Services_is_an_ordinary_partner_to_the_guard()
    {
        Assert.Equal(WebWaka, Assert.IsType<PartnerAttribution.Attributed>(PartnerFirstGuard.Attribute(TenantCreator.Partner, WebWaka)).PartnerId);
    }

    [Fact]
    public void A_super_admin_creates_for_WebWaka_Digital_Services()
    {
        Assert.Equal(WebWaka, Assert.IsType<PartnerAttribution.Attributed>(PartnerFirstGuard.Attribute(TenantCreator.SuperAdmin, null)).PartnerId);
        Assert.Equal(WebWaka, Assert.IsType<PartnerAttribution.Attributed>(PartnerFirstGuard.Attribute(TenantCreator.SuperAdmin, WebWaka)).PartnerId);
    }

    [Fact]
    public void A_super_admin_never_creates_for_another_partner()
    {
        var refused = Assert.IsType<PartnerAttribution.Refused>(PartnerFirstGuard.Attribute(TenantCreator.SuperAdmin, Agency));

        Assert.Equal("SUPER_ADMIN_CREATES_FOR_WEBWAKA_ONLY", refused.Code);
    }

    [Fact]
    public void Every_creator_gets_an_answer()
    {
        foreach (var creator in Enum.GetValues<TenantCreator>())
        {
            Assert.NotNull(PartnerFirstGuard.Attribute(creator, Agency));
            Assert.NotNull(PartnerFirstGuard.Attribute(creator, null));
        }
    }

    [Theory]
    [InlineData("PARTNER_ADMIN", TenantCreator.Partner)]
    [InlineData("SUPER_ADMIN", TenantCreator.SuperAdmin)]
    public void Roles_that_create_tenants_map_to_their_creator(string role, TenantCreator creator)
    {
        Assert.Equal(creator, PartnerFirstGuard.CreatorForRole(role));
    }

    [Theory]
    [InlineData("TENANT_ADMIN")]
    [InlineData("partner_admin")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_roles_create_no_tenant(string? role)
    {
        Assert.Null(PartnerFirstGuard.CreatorForRole(role));
    }
}
