using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WebWaka.Invitation.Domain;

/// <summary>
/// An invitation's secret: 32 random bytes, base64url so it sits in a link as it is. Only its hash is stored,
/// so a copy of the database accepts no invitation.
/// </summary>
public sealed record InvitationToken(string Value, string Hash)
{
    public static InvitationToken New()
    {
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new InvitationToken(value, HashOf(value));
    }

    /// <summary>SHA-256 in lower-case hex: what the database keeps and looks a presented token up by.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Printed as its hash, so a log line never carries the secret.</summary>
    public override string ToString() => Hash;
}
