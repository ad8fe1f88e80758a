namespace WebWaka.Partner.Domain;

/// <summary>Who is to be invited as the first admin of something new: a partner, or a client platform.</summary>
public sealed record AdminInvitee(string? Email, string? Name);
