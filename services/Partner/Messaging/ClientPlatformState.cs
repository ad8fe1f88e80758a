using MassTransit;

namespace WebWaka.Partner.Messaging;

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

    /// <summary>The state the flow was in when a step was refused.</summary>
    public string? FailedIn { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    /// <summary>When the step under way must have answered; none once the flow ended. Kept here, so it survives restarts.</summary>
    public DateTimeOffset? StepDeadline { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}
