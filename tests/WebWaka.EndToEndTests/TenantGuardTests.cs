using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using WebWaka.Contracts;
using WebWaka.Identity;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>
/// Partner-first rule 6: the Tenant service enforces the rules itself. A CreateTenant published straight onto
/// RabbitMQ, past the gateway and the Partner service, creates nothing without a known, active partner.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TenantGuardTests(DistributedAppFixture system)
{
    public static TheoryData<string, string, string> Forgeries => new()
    {
        { "unknown-partner", "Partner", "PARTNER_NOT_ACTIVE" },
        { "no-partner", "Partner", "PARTNER_ID_REQUIRED" },
        { "public-signup", "PublicSignup", "TENANT_CREATION_REQUIRES_PARTNER" },
        { "super-admin-for-another", "SuperAdmin", "SUPER_ADMIN_CREATES_FOR_WEBWAKA_ONLY" },
        { "unknown-creator", "Anonymous", "TENANT_CREATION_REQUIRES_PARTNER" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_CreateTenant_that_bypasses_the_gateway_without_a_valid_active_partner_creates_nothing(string forgery, string creator, string code)
    {
        var partnerId = forgery switch
        {
            "no-partner" => Guid.Empty,
            "public-signup" => WellKnownPartners.WebWakaDigitalServicesId,
            _ => Guid.NewGuid(),
        };

        Assert.Equal(code, await ForgeAsync(partnerId, creator));
    }

    [Fact]
    public async Task A_CreateTenant_for_a_real_partner_that_was_suspended_creates_nothing()
    {
        var partner = await system.CreatePartnerAsync("Suspended Agency");
        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/suspend", null)).EnsureSuccessStatusCode();

        // The Tenant service learns of the suspension from PartnerStatusChanged on the bus; a forgery sent after it
        // is refused, whoever the forger claims to be.
        await Eventually.GetAsync(() => system.QueryAsync("tenantdb", $"SELECT status FROM known_partners WHERE id = '{partner.Id}'"),
            status => status is "Suspended", TimeSpan.FromSeconds(20), "the suspension known to the Tenant service");

        Assert.Equal("PARTNER_NOT_ACTIVE", await ForgeAsync(partner.Id, "Partner"));
        Assert.Equal(0, (await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/clients")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_CreateTenant_claiming_a_super_admin_made_it_for_a_real_partner_creates_nothing()
    {
        var partner = await system.CreatePartnerAsync("Claimed Agency");

        Assert.Equal("SUPER_ADMIN_CREATES_FOR_WEBWAKA_ONLY", await ForgeAsync(partner.Id, "SuperAdmin"));
        Assert.Equal(0, (await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/clients")).GetProperty("total").GetInt32());
    }

    /// <summary>
    /// Publishes a CreateTenant straight onto RabbitMQ, as the Partner service's own broker user, the only one allowed to
    /// (a bug or a leaked password there); answers the code the Tenant service refused it with, once it has, after checking
    /// it created no tenant.
    /// </summary>
    private async Task<string?> ForgeAsync(Guid partnerId, string creator)
    {
        var tenantId = Guid.NewGuid();
        var bus = await system.StartBusAsync(asUser: ServiceNames.Partner);
        try
        {
            await bus.Publish(new CreateTenant(Guid.NewGuid(), tenantId, partnerId, creator, "Forged Client", $"forged-{tenantId:N}"[..30]));
        }
        finally
        {
            await bus.StopAsync();
        }

        var rejection = await Eventually.GetAsync(
            () => system.QueryAsync("tenantdb", $"SELECT body->>'code' FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.TenantCreationRejected,%' AND body->>'tenantId' = '{tenantId}'"),
            found => found is not null, TimeSpan.FromSeconds(15), "the rejection");
        Assert.Equal(0L, await system.QueryAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE id = '{tenantId}'"));
        return (string?)rejection;
    }
}
