using System.Buffers.Text;
using System.Security.Cryptography;

namespace WebWaka.Partner.Domain;

/// <summary>
/// A link a partner hands prospective clients so they sign up inside the partner's context: every client made through
/// it belongs to the partner. It may expire, may be limited to a number of sign-ups, and may preset the suites.
/// </summary>
public sealed class SignupLink
{
    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    /// <summary>The link's random part (base64url); public by design, as the link is meant to be shared.</summary>
    public required string Token { get; init; }

    public required string Name { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int? MaxUses { get; init; }

    public int Uses { get; set; }

    /// <summary>The suites a client signing up through the link gets; empty lets the client choose.</summary>
    public List<string> Suites { get; init; } = [];

    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));

    /// <summary>Why the link takes no sign-up now (its problem code), or null when it does.</summary>
    public string? RefusalAt(DateTimeOffset now, bool partnerActive) => this switch
    {
        { DisabledAt: not null } => "SIGNUP_LINK_DISABLED",
        { ExpiresAt: { } expiry } when now >= expiry => "SIGNUP_LINK_EXPIRED",
        { MaxUses: { } max } when Uses >= max => "SIGNUP_LINK_USED_UP",
        _ when !partnerActive => "PARTNER_NOT_ACTIVE",
        _ => null,
    };

    public string StatusAt(DateTimeOffset now) => RefusalAt(now, partnerActive: true) switch
    {
        "SIGNUP_LINK_DISABLED" => "Disabled",
        "SIGNUP_LINK_EXPIRED" => "Expired",
        "SIGNUP_LINK_USED_UP" => "UsedUp",
        _ => "Active",
    };
}
