namespace WebWaka.Web.Api;

/// <summary>A client of the partner, as the client list shows it.</summary>
public sealed record ClientSummary(Guid Id, string Name, string Slug, string Status, Guid CreatedByPartnerId, DateTimeOffset CreatedAt);

/// <summary>The signed-in user's partner.</summary>
public sealed record PartnerSummary(Guid Id, string Name, string Slug, string Status);
