namespace WebWaka.Tenant.Domain;

/// <summary>What the Tenant service knows of a partner, learnt from the partner events (or asked once when missing).</summary>
public sealed class KnownPartner
{
    public Guid Id { get; init; }

    public required string Status { get; set; }

    /// <summary>When the fact we hold happened: an older event arriving late does not undo a newer one.</summary>
    public DateTimeOffset AsOf { get; set; }

    public bool IsActive => Status == "Active";
}
