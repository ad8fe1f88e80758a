namespace WebWaka.Partner.Provisioning;

public sealed record ProvisioningStep(string Name, string Status);

/// <summary>How far a Create Client Platform flow got, told as the steps a partner watches.</summary>
public static class ProvisioningProgress
{
    public const string CreatingTenant = nameof(CreatingTenant);
    public const string CreatingInstance = nameof(CreatingInstance);
    public const string InvitingAdmin = nameof(InvitingAdmin);
    public const string ActivatingTenant = nameof(ActivatingTenant);

    public const string Completed = nameof(Completed);
    public const string Failed = nameof(Failed);

    private static readonly (string State, string Step)[] Steps =
    [
        (CreatingTenant, "CreateTenant"),
        (CreatingInstance, "CreateInstance"),
        (InvitingAdmin, "InviteAdmin"),
        (ActivatingTenant, "ActivateTenant"),
    ];

    /// <summary>Pending until the flow ends Completed or Failed.</summary>
    public static string StatusOf(string? state) => state is Completed or Failed ? state : "Pending";

    /// <param name="state">The saga's state (null for a request accepted before flows were written as they are accepted).</param>
    /// <param name="failedIn">The state the flow was in when it failed.</param>
    public static IReadOnlyList<ProvisioningStep> Describe(string? state, string? failedIn)
    {
        var current = state == Failed ? failedIn : state;
        var reached = Array.FindIndex(Steps, s => s.State == current);
        return Steps.Select((step, index) => new ProvisioningStep(step.Step, state switch
        {
            Completed => "Completed",
            null => "Pending",
            Failed when index < reached => "Undone",
            Failed when index == reached => "Failed",
            Failed => "Skipped",
            _ when index < reached => "Completed",
            _ when index == reached => "InProgress",
            _ => "Pending",
        })).ToList();
    }
}
