using System.Net;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests.Security;

/// <summary>What the public door tells a browser about every answer, and what it does not tell an attacker.</summary>
[Collection(SystemCollection.Name)]
public sealed class SecurityHeadersTests(DistributedAppFixture system)
{
    [Theory]
    [InlineData("/api/catalog/suites", "default-src 'none'")]
    [InlineData("/api/no-such-thing", "default-src 'none'")]
    [InlineData("/", "default-src 'self'")]
    [InlineData("/sign-in", "default-src 'self'")]
    [InlineData("/docs", "default-src 'self'")]
    public async Task Every_answer_forbids_sniffing_framing_and_referrers_with_a_policy_for_its_kind(string path, string policy)
    {
        using var response = await system.Gateway.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith(policy, csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task A_refused_token_is_not_told_why()
    {
        foreach (var token in new[] { TestTokens.Forger.Mint("SUPER_ADMIN"), system.Tokens.Mint("SUPER_ADMIN", validFor: TimeSpan.FromMinutes(-5)) })
        {
            using var client = system.ClientWithToken(token);
            using var gateway = await client.GetAsync("/api/admin/partners");
            Assert.Equal(HttpStatusCode.Unauthorized, gateway.StatusCode);
            Assert.Equal("Bearer", Assert.Single(gateway.Headers.WwwAuthenticate).ToString());
        }
    }
}
