using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace WebWaka.Testing;

/// <summary>A partner made as a real one is, and a client of its signed-in admin.</summary>
public sealed record RealPartner(Guid Id, string Slug, string AdminEmail, HttpClient Admin);

public static partial class RealPartners
{
    public const string AdminPassword = "Partner-Admin-Pass-42";

    /// <summary>
    /// A partner the way the product makes one: the super admin creates it, its first admin gets the invitation by
    /// email (read from the mail catcher), accepts it with a password of their own, and signs in.
    /// </summary>
    public static async Task<RealPartner> CreatePartnerAsync(this DistributedAppFixture system, string name)
    {
        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        var slug = $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}"[..30];
        var owner = $"owner@{slug}.example";
        using var created = await operatorClient.PostAsJsonAsync("/api/admin/partners", new
        {
            name, slug, contactEmail = $"hello@{slug}.example", listedInDirectory = false, admin = new { email = owner, name = "Owner" },
        });
        created.EnsureSuccessStatusCode();
        var partnerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var inbox = system.Mail();
        var mail = await Eventually.GetAsync(() => inbox.ToAsync(owner), found => found.Count > 0, TimeSpan.FromSeconds(20), $"{name}'s invitation email");
        var token = AcceptLink().Match(Assert.Single(mail).Text).Groups["token"].Value;
        using var accepted = await system.Gateway.PostAsJsonAsync($"/api/invitations/{token}/accept", new { name = "Owner", password = AdminPassword });
        accepted.EnsureSuccessStatusCode();

        return new RealPartner(partnerId, slug, owner, await system.SignInAsync(owner, AdminPassword));
    }

    [GeneratedRegex(@"/invitations/(?<token>[A-Za-z0-9_-]{20,})")]
    public static partial Regex AcceptLink();
}
