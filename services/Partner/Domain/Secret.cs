using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WebWaka.Partner.Domain;

/// <summary>
/// A bearer secret handed out once and kept only as its SHA-256 (API keys, refresh tokens): <c>{prefix}{id}_{secret}</c>,
/// where the id finds the record and the secret, 32 random bytes, opens it. With that much randomness a fast hash is as
/// safe as a slow one, so every request can check it.
/// </summary>
public static class Secret
{
    private const int IdLength = 32;

    /// <summary>A new secret, the hash to keep, and the whole value to hand out once.</summary>
    public static (byte[] Hash, string Presented) New(string prefix, Guid id)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (HashOf(secret), $"{prefix}{id:N}_{secret}");
    }

    /// <summary>The id and the secret of something presented, or false when it is not shaped like one with this prefix.</summary>
    public static bool TryParse(string prefix, string? presented, out Guid id, out string secret)
    {
        id = Guid.Empty;
        secret = "";
        var separator = prefix.Length + IdLength;
        if (presented is null || presented.Length <= separator + 1 || !presented.StartsWith(prefix, StringComparison.Ordinal) ||
            presented[separator] != '_' || !Guid.TryParseExact(presented.AsSpan(prefix.Length, IdLength), "N", out id))
        {
            return false;
        }

        secret = presented[(separator + 1)..];
        return true;
    }

    /// <summary>Whether <paramref name="secret"/> is the one <paramref name="hash"/> was kept for, compared in constant time.</summary>
    public static bool Opens(byte[] hash, string secret) => CryptographicOperations.FixedTimeEquals(HashOf(secret), hash);

    private static byte[] HashOf(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
