using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WebWaka.Identity;

/// <summary>
/// Checks an access token once per process, not once per request: a token found valid (signature, issuer, audience,
/// lifetime) is remembered under its whole text until it expires, and the requests after that carry it through on
/// that answer. Checking is most of what a request costs the gateway besides the proxying itself: about a tenth of its
/// CPU, and as much again in the service behind it, for a token the same process checked a moment before.
/// </summary>
/// <remarks>
/// Nothing else changes. A token that differs by one character, a forged signature included, is another key and is
/// checked in full; one that was never valid is never remembered; one past its expiry (and the clock skew allowed) is
/// refused as before, whatever is remembered. The removed users and suspended partners are still checked on every
/// request, after this (<see cref="RevokedAccess"/>). Each request gets its own copy of the claims.
/// </remarks>
public sealed class RememberedTokens : JsonWebTokenHandler
{
    // Bounded: a process holds the tokens of its signed-in users for a token's life, and no more than this many.
    private const int Capacity = 100_000;

    private readonly MemoryCache _valid = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The cache forgets a token the moment it expires: it checks each entry's expiry as it is read.
        if (_valid.TryGetValue(token, out Remembered? remembered))
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = remembered!.Token,
                ClaimsIdentity = remembered.Identity.Clone(),
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken valid)
        {
            _valid.Set(token, new Remembered(valid, result.ClaimsIdentity.Clone()), new MemoryCacheEntryOptions
            {
                AbsoluteExpiration = new DateTimeOffset(valid.ValidTo + validationParameters.ClockSkew, TimeSpan.Zero),
                Size = 1,
            });
        }

        return result;
    }

    private sealed record Remembered(JsonWebToken Token, ClaimsIdentity Identity);
}
