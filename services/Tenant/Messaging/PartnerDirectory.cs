using System.Net;
using Microsoft.EntityFrameworkCore;
using WebWaka.Tenant.Data;
using WebWaka.Tenant.Domain;

namespace WebWaka.Tenant.Messaging;

/// <summary>
/// The partners the Tenant service knows. Events keep it current; a partner it has not heard of yet (its
/// PartnerCreated was published before this service's queue first existed) is asked of the Partner service once.
/// </summary>
public sealed class PartnerDirectory(TenantDbContext database, HttpClient partnerService)
{
    private sealed record PartnerStatus(Guid Id, string Status, DateTimeOffset AsOf);

    public async Task<KnownPartner?> FindAsync(Guid partnerId, CancellationToken cancellationToken)
    {
        if (await database.Partners.SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken) is { } known)
        {
            return known;
        }

        using var response = await partnerService.GetAsync($"/internal/partners/{partnerId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var status = (await response.Content.ReadFromJsonAsync<PartnerStatus>(cancellationToken))!;
        return await RecordAsync(partnerId, status.Status, status.AsOf, cancellationToken);
    }

    /// <summary>Records a partner's status as of a moment, unless what we hold is newer.</summary>
    public async Task<KnownPartner> RecordAsync(Guid partnerId, string status, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var partner = await database.Partners.SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            partner = new KnownPartner { Id = partnerId, Status = status, AsOf = asOf };
            database.Partners.Add(partner);
        }
        else if (asOf >= partner.AsOf)
        {
            partner.Status = status;
            partner.AsOf = asOf;
        }

        await database.SaveChangesAsync(cancellationToken);
        return partner;
    }
}
