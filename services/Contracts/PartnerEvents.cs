namespace WebWaka.Contracts;

public sealed record PartnerCreated(Guid PartnerId, string Name, string Slug, string Status, DateTimeOffset OccurredAt);

public sealed record PartnerStatusChanged(Guid PartnerId, string Status, DateTimeOffset OccurredAt);
