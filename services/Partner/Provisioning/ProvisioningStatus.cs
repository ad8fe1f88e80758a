using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Provisioning;

public sealed record ProvisioningAccepted(Guid ProvisioningId, string Status);

public sealed record ProvisioningFailure(string Code, string Message);

public sealed record ProvisioningStatus(
    Guid ProvisioningId,
    string Status,
    IReadOnlyList<ProvisioningStep> Steps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TenantId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProvisioningFailure? Failure);

public static class ProvisioningStatusQuery
{
    /// <summary>Where a Create Client Platform flow stands: its status, each step, the tenant once it exists, the failure.</summary>
    public static async Task<ProvisioningStatus> ProvisioningStatusAsync(this PartnerDbContext database, Guid provisioningId)
    {
        var flow = await database.ClientPlatforms.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == provisioningId);
        var state = flow?.CurrentState;
        var tenantExists = state is not (null or ProvisioningProgress.CreatingTenant) && flow!.FailedIn != ProvisioningProgress.CreatingTenant;
        return new ProvisioningStatus(
            provisioningId,
            ProvisioningProgress.StatusOf(state),
            ProvisioningProgress.Describe(state, flow?.FailedIn),
            tenantExists ? flow!.TenantId : null,
            flow?.FailureCode is { } code ? new ProvisioningFailure(code, flow.FailureMessage ?? "") : null);
    }
}
