using System.Security.Cryptography;

namespace WebWaka.Instance.Domain;

public enum DomainStatus { Pending, Verified, Expired }

public enum VerificationOutcome { Verified, NotFound, Expired, AlreadyVerified }

/// <summary>
/// A hostname a partner wants an instance reached at. It is claimed Pending, with a random value to publish in a TXT
/// record at <see cref="ChallengeName"/>; it is Verified (mapped) once that record is seen, and Expired when it is not
/// seen in time. Many may claim a hostname; only one can hold it verified, anywhere on the platform.
/// </summary>
public sealed class CustomDomain
{
    public const string ChallengePrefix = "_webwaka-challenge.";

    public Guid Id { get; init; }

    /// <summary>Lower-cased.</summary>
    public required string Hostname { get; init; }

    public Guid InstanceId { get; init; }

    public Guid TenantId { get; init; }

    public Guid PartnerId { get; init; }

    /// <summary>The value the partner publishes in the TXT record to prove it controls the hostname.</summary>
    public required string VerificationToken { get; init; }

    public DomainStatus Status { get; private set; }

    /// <summary>The hostname the instance is reached at first; one per instance, always a verified one.</summary>
    public bool IsPrimary { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Until when a pending claim may be verified.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public DateTimeOffset? LastCheckedAt { get; private set; }

    /// <summary>What the last look-up found, in words, for the partner to see.</summary>
    public string? LastCheckResult { get; private set; }

    public string ChallengeName => ChallengePrefix + Hostname;

    public static CustomDomain Claim(string hostname, PlatformInstance instance, DateTimeOffset now, TimeSpan timeToVerify) => new()
    {
        Id = Guid.CreateVersion7(now),
        Hostname = hostname.Trim().TrimEnd('.').ToLowerInvariant(),
        InstanceId = instance.Id,
        TenantId = instance.TenantId,
        PartnerId = instance.PartnerId,
        VerificationToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Status = DomainStatus.Pending,
        CreatedAt = now,
        ExpiresAt = now + timeToVerify,
    };

    /// <summary>Judges what a look-up of <see cref="ChallengeName"/> found (its TXT values, or why there were none).</summary>
    public VerificationOutcome Verify(IReadOnlyCollection<string> txtValues, string? lookupError, DateTimeOffset now)
    {
        if (Status == DomainStatus.Verified)
        {
            return VerificationOutcome.AlreadyVerified;
        }

        if (Status == DomainStatus.Expired || now >= ExpiresAt)
        {
            Status = DomainStatus.Expired;
            return VerificationOutcome.Expired;
        }

        LastCheckedAt = now;
        if (txtValues.Contains(VerificationToken))
        {
            Status = DomainStatus.Verified;
            VerifiedAt = now;
            LastCheckResult = $"Found the TXT record {ChallengeName}.";
            return VerificationOutcome.Verified;
        }

        LastCheckResult = lookupError ?? (txtValues.Count == 0
            ? $"No TXT record at {ChallengeName}."
            : $"The TXT record at {ChallengeName} holds {string.Join(", ", txtValues.Select(v => $"'{v}'"))}, not the value asked for.");
        return VerificationOutcome.NotFound;
    }
}
