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

        await system.AcceptInvitationAsync(owner, "Owner", AdminPassword);
        return new RealPartner(partnerId, slug, owner, await system.SignInAsync(owner, AdminPassword));
    }

    /// <summary>The one invitation emailed to <paramref name="email"/>, accepted with its link's token as the invitee does.</summary>
    public static async Task AcceptInvitationAsync(this DistributedAppFixture system, string email, string name, string password)
    {
        using var inbox = system.Mail();
        var mail = await Eventually.GetAsync(() => inbox.ToAsync(email), found => found.Any(m => AcceptLink().IsMatch(m.Text)), TimeSpan.FromSeconds(20),
            $"the invitation to {email}");
        var token = AcceptLink().Match(Assert.Single(mail, m => AcceptLink().IsMatch(m.Text)).Text).Groups["token"].Value;
        using var accepted = await system.Gateway.PostAsJsonAsync($"/api/invitations/{token}/accept", new { name, password });
        accepted.EnsureSuccessStatusCode();
    }

    [GeneratedRegex(@"/invitations/(?<token>[A-Za-z0-9_-]{20,})")]
    public static partial Regex AcceptLink();
}
