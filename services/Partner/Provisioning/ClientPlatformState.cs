using MassTransit;
using WebWaka.Contracts;

namespace WebWaka.Partner.Provisioning;

/// <summary>Where one Create Client Platform flow stands; persisted by our saga repository.</summary>
public sealed class ClientPlatformState : SagaStateMachineInstance, ISagaVersion
{
    /// <summary>The provisioning id the partner was given.</summary>
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public Guid PartnerId { get; set; }

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public Guid InvitationId { get; set; }

    // What the partner asked for, carried by the flow to the steps that need it.
    public string ClientName { get; set; } = "";

    public string InstanceName { get; set; } = "";

    public List<string> Suites { get; set; } = [];

    public Branding? Branding { get; set; }

    public string? Domain { get; set; }

    public string AdminEmail { get; set; } = "";

    public string AdminName { get; set; } = "";

    /// <summary>The state the flow was in when a step was refused.</summary>
    public string? FailedIn { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>When the step under way must have answered; none once the flow ended. Kept here, so it survives restarts.</summary>
    public DateTimeOffset? StepDeadline { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// A flow as its request is accepted, in its first step: the ids of what it will make, what it was asked for, and
    /// when its first step must have answered.
    /// </summary>
    public static ClientPlatformState Start(ClientPlatformRequested request, DateTimeOffset stepDeadline) => new()
    {
        CorrelationId = request.ProvisioningId,
        CurrentState = ProvisioningProgress.CreatingTenant,
        StepDeadline = stepDeadline,
        PartnerId = request.PartnerId,
        TenantId = NewId.NextGuid(),
        InstanceId = NewId.NextGuid(),
        InvitationId = NewId.NextGuid(),
        ClientName = request.Name,
        InstanceName = request.InstanceName,
        Suites = [.. request.Suites],
        Branding = request.Branding,
        Domain = request.Domain,
        AdminEmail = request.AdminEmail,
        AdminName = request.AdminName,
        UpdatedAt = request.OccurredAt,
        Version = 1,
    };
}
