namespace WebWaka.Partner.Apis;

/// <summary>A partner; <c>createsPerMinute</c> and <c>provisioningsInFlight</c> are its own limits, null where it has the platform's.</summary>
public sealed record PartnerResponse(Guid Id, string Name, string Slug, string ContactEmail, bool ListedInDirectory, string Status, DateTimeOffset CreatedAt,
    int? CreatesPerMinute, int? ProvisioningsInFlight)
{
    public static PartnerResponse From(Domain.Partner partner) => new(partner.Id, partner.Name, partner.Slug, partner.ContactEmail,
        partner.ListedInDirectory, partner.Status.ToString(), partner.CreatedAt, partner.CreatesPerMinute, partner.ProvisioningsInFlight);
}

