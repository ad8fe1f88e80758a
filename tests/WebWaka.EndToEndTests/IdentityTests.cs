using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>Signing in, and who may do what, through the gateway of the running system.</summary>
[Collection(SystemCollection.Name)]
public sealed class IdentityTests(DistributedAppFixture system)
{
    private static readonly Guid WebWakaDigitalServices = Guid.Parse("0b3d2e00-5eed-4000-8000-000000000001");

    [Fact]
    public async Task The_seeded_partner_admin_signs_in_and_sees_WebWaka_Digital_Services()
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/auth/token",
            new { email = DevelopmentAccounts.PartnerAdminEmail, password = DevelopmentAccounts.PartnerAdminPassword });
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.Equal(900, token.GetProperty("expiresIn").GetInt32());
        Assert.StartsWith("wwr_", token.GetProperty("refreshToken").GetString());
        Assert.Equal(12 * 3600, token.GetProperty("refreshExpiresIn").GetInt32());

        var me = await system.ClientWithToken(token.GetProperty("accessToken").GetString()!).GetFromJsonAsync<JsonElement>("/api/partner/me");

        Assert.Equal(WebWakaDigitalServices, me.GetProperty("id").GetGuid());
        Assert.Equal("webwaka-digital-services", me.GetProperty("slug").GetString());
        Assert.Equal("Active", me.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_super_admin_acts_for_WebWaka_Digital_Services()
    {
        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);

        var me = await admin.GetFromJsonAsync<JsonElement>("/api/partner/me");

        Assert.Equal(WebWakaDigitalServices, me.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("partner@webwaka.local", "wrong-password")]
    [InlineData("nobody@webwaka.local", "WebWaka-Partner-2026")]
    [InlineData("PARTNER@webwaka.local", "webwaka-partner-2026")]
    public async Task Wrong_credentials_get_the_same_401_whether_or_not_the_email_exists(string email, string password)
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("INVALID_CREDENTIALS", problem.GetProperty("code").GetString());
        Assert.Equal("The email or the password is wrong.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_email_is_not_case_sensitive()
    {
        var client = await system.SignInAsync("Partner@WebWaka.Local", DevelopmentAccounts.PartnerAdminPassword);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/partner/me")).StatusCode);
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("{\"email\":\"a@b.c\"}", "password")]
    public async Task A_token_request_missing_a_field_is_400_VALIDATION_FAILED(string body, string field)
    {
        using var response = await system.Gateway.PostAsync("/api/auth/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("{\"email\": ")]
    [InlineData("{\"email\": 42, \"password\": []}")]
    [InlineData("not json")]
    public async Task A_malformed_token_request_is_400_MALFORMED_REQUEST(string body)
    {
        using var response = await system.Gateway.PostAsync("/api/auth/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MALFORMED_REQUEST", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals => new()
    {
        { "anonymous", HttpStatusCode.Unauthorized, "UNAUTHORIZED" },
        { "forged", HttpStatusCode.Unauthorized, "UNAUTHORIZED" },
        { "expired", HttpStatusCode.Unauthorized, "UNAUTHORIZED" },
        { "tenant-admin", HttpStatusCode.Forbidden, "FORBIDDEN" },
        { "partner-admin-without-partner", HttpStatusCode.Forbidden, "PARTNER_ID_REQUIRED" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Partner_operations_refuse_callers_without_the_right_token(string caller, HttpStatusCode status, string code)
    {
        var client = caller switch
        {
            "anonymous" => system.Gateway,
            "forged" => system.ClientWithToken(TestTokens.Forger.Mint("PARTNER_ADMIN", WebWakaDigitalServices)),
            "expired" => system.ClientWithToken(system.Tokens.Mint("PARTNER_ADMIN", WebWakaDigitalServices, validFor: TimeSpan.FromMinutes(-5))),
            "tenant-admin" => system.ClientWithToken(system.Tokens.Mint("TENANT_ADMIN", WebWakaDigitalServices, tenantId: Guid.NewGuid())),
            _ => system.ClientWithToken(system.Tokens.Mint("PARTNER_ADMIN")),
        };

        using var response = await client.GetAsync("/api/partner/me");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
