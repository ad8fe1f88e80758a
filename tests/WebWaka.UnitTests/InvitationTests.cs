using System.Security.Cryptography;
using System.Text;
using WebWaka.Invitation.Domain;

namespace WebWaka.UnitTests;

public sealed class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static WebWaka.Invitation.Domain.Invitation With(InvitationStatus status, DateTimeOffset expiresAt, DateTimeOffset? emailSentAt = null) => new()
    {
        Id = Guid.NewGuid(),
        Email = "ada@example.com",
        Name = "Ada",
        Role = "TENANT_ADMIN",
        PartnerId = Guid.NewGuid(),
        TenantId = Guid.NewGuid(),
        TokenHash = new string('0', 64),
        ExpiresAt = expiresAt,
        Status = status,
        EmailSentAt = emailSentAt,
        CreatedAt = Now.AddDays(-1),
    };

    [Fact]
    public void A_pending_invitation_before_its_expiry_is_usable() =>
        Assert.Equal(TokenCheck.Usable, With(InvitationStatus.Pending, Now.AddSeconds(1)).CheckToken(Now));

    [Fact]
    public void A_pending_invitation_is_expired_from_its_expiry_on()
    {
        Assert.Equal(TokenCheck.Expired, With(InvitationStatus.Pending, Now).CheckToken(Now));
        Assert.Equal(TokenCheck.Expired, With(InvitationStatus.Pending, Now.AddDays(-3)).CheckToken(Now));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void An_accepted_invitation_is_already_used_before_and_after_its_expiry(int days) =>
        Assert.Equal(TokenCheck.AlreadyUsed, With(InvitationStatus.Accepted, Now.AddDays(days)).CheckToken(Now));

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public void A_revoked_invitation_is_revoked_before_and_after_its_expiry(int days) =>
        Assert.Equal(TokenCheck.Revoked, With(InvitationStatus.Revoked, Now.AddDays(days)).CheckToken(Now));

    [Fact]
    public void Only_a_pending_invitation_whose_email_did_not_go_out_awaits_its_email()
    {
        Assert.True(With(InvitationStatus.Pending, Now.AddDays(7)).AwaitsEmail);
        Assert.False(With(InvitationStatus.Pending, Now.AddDays(7), emailSentAt: Now).AwaitsEmail);
        Assert.False(With(InvitationStatus.Revoked, Now.AddDays(7)).AwaitsEmail);
        Assert.False(With(InvitationStatus.Accepted, Now.AddDays(7)).AwaitsEmail);
    }

    [Theory]
    [InlineData("PARTNER_ADMIN", true)]
    [InlineData("TENANT_ADMIN", true)]
    [InlineData("SUPER_ADMIN", false)]
    [InlineData("tenant_admin", false)]
    [InlineData(null, false)]
    public void An_invitation_grants_partner_or_tenant_admin_only(string? role, bool grantable) =>
        Assert.Equal(grantable, WebWaka.Invitation.Domain.Invitation.CanGrant(role));

    [Fact]
    public void A_token_is_32_random_bytes_in_base64url_and_its_hash_is_its_SHA256_in_hex()
    {
        var token = InvitationToken.New();

        Assert.Equal(43, token.Value.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token.Value);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Value))), token.Hash);
        Assert.Equal(token.Hash, InvitationToken.HashOf(token.Value));
        Assert.Matches("^[0-9a-f]{64}$", token.Hash);
    }

    [Fact]
    public void Tokens_differ_and_never_print_themselves()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => InvitationToken.New()).ToList();

        Assert.Equal(100, tokens.Select(t => t.Value).Distinct().Count());
        Assert.All(tokens, token => Assert.DoesNotContain(token.Value, token.ToString()));
    }
}
