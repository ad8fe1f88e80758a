namespace WebWaka.Partner.Domain;

public enum ApplicationStatus { Pending, Approved, Rejected }

/// <summary>"Become a Partner": an organisation asks to be one; the platform operator approves or rejects it, once.</summary>
public sealed class PartnerApplication
{
    public Guid Id { get; init; }

    public required string OrganisationName { get; init; }

    public required string ContactName { get; init; }

    /// <summary>Lower-cased; approved, it becomes the new partner's first admin.</summary>
    public required string ContactEmail { get; init; }

    public string? Website { get; init; }

    public List<string> Regions { get; init; } = [];

    public List<string> Suites { get; init; } = [];

    public string? Message { get; init; }

    public ApplicationStatus Status { get; private set; } = ApplicationStatus.Pending;

    public string? ReviewedBy { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    /// <summary>The partner its approval made.</summary>
    public Guid? PartnerId { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool TryApprove(Guid partnerId, string? reviewer, DateTimeOffset now)
    {
        if (Status != ApplicationStatus.Pending)
        {
            return false;
        }

        (Status, PartnerId, ReviewedBy, ReviewedAt) = (ApplicationStatus.Approved, partnerId, reviewer, now);
        return true;
    }

    public bool TryReject(string reason, string? reviewer, DateTimeOffset now)
    {
        if (Status != ApplicationStatus.Pending)
        {
            return false;
        }

        (Status, RejectionReason, ReviewedBy, ReviewedAt) = (ApplicationStatus.Rejected, reason, reviewer, now);
        return true;
    }
}
