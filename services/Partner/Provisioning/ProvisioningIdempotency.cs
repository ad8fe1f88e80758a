using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Identity;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// An Idempotency-Key on Create Client Platform: the same key with the same body answers the first answer again, with
/// another body 422. Keys belong to the caller's partner; the accepted request keeps the key and its body's hash.
/// </summary>
internal static class ProvisioningIdempotency
{
    /// <summary>The first answer to a repeated key with the same body; 422 for the same key with another body.</summary>
    public static async Task<Accepted<ProvisioningAccepted>?> AnswerAgainAsync(
        PartnerDbContext database, ActingPartner partner, string key, string hash)
    {
        var earlier = await database.ProvisioningRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.PartnerId == partner.Id && r.IdempotencyKey == key);
        return earlier switch
        {
            null => null,
            _ when earlier.RequestHash == hash => Accepted(earlier.Id),
            _ => throw IdempotencyKey.Reused(),
        };
    }

    public static Accepted<ProvisioningAccepted> Accepted(Guid provisioningId) =>
        TypedResults.Accepted($"/api/partner/clients/provisioning/{provisioningId}", new ProvisioningAccepted(provisioningId, "Pending"));
}
