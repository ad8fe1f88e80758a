namespace WebWaka.Partner.Apis;

public sealed record PartnerResponse(Guid Id, string Name, string Slug, string ContactEmail, bool ListedInDirectory, string Status, DateTimeOffset CreatedAt)
{
    public static PartnerResponse From(Domain.Partner partner) => new(partner.Id, partner.Name, partner.Slug, partner.ContactEmail,
        partner.ListedInDirectory, partner.Status.ToString(), partner.CreatedAt);
}

