using System.Linq.Expressions;
using MassTransit;
using WebWaka.Contracts;
using WebWaka.Messaging;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// Create Client Platform: create the tenant, then its default instance, then invite its admin, then activate
/// the tenant. A flow begins in CreatingTenant, written with its CreateTenant command as the request is accepted
/// (<see cref="ProvisioningTables"/>), so the first step costs no trip over the bus of its own; the Tenant service
/// refuses a partner that is not active (PARTNER_NOT_ACTIVE). A refusal at any step undoes what was done and ends the flow Failed with the refusal's code; so does
/// a step that has not answered by its deadline (STEP_TIMED_OUT), and whatever it does after that is undone as it
/// arrives. Every command and event leaves through the outbox, in the same transaction as the state that decided it.
/// </summary>
public sealed class CreateClientPlatformStateMachine : MassTransitStateMachine<ClientPlatformState>
{
    public State CreatingTenant { get; private set; } = null!;
    public State CreatingInstance { get; private set; } = null!;
    public State InvitingAdmin { get; private set; } = null!;
    public State ActivatingTenant { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<TenantCreated> TenantCreated { get; private set; } = null!;
    public Event<TenantCreationRejected> TenantRejected { get; private set; } = null!;
    public Event<InstanceCreated> InstanceCreated { get; private set; } = null!;
    public Event<InstanceCreationRejected> InstanceRejected { get; private set; } = null!;
    public Event<InvitationSent> AdminInvited { get; private set; } = null!;
    public Event<Fault<SendInvitation>> InvitationFailed { get; private set; } = null!;
    public Event<TenantStatusChanged> TenantStatusChanged { get; private set; } = null!;
    public Event<ClientPlatformStepTimedOut> StepTimedOut { get; private set; } = null!;

    public CreateClientPlatformStateMachine(ProvisioningSettings settings)
    {
        InstanceState(state => state.CurrentState);

        // Each step has until its deadline to answer (ProvisioningDeadlines watches); an ended flow has none.
        WhenEnterAny(entered => entered.Then(context => context.Saga.StepDeadline =
            context.Saga.CurrentState is ProvisioningProgress.Completed or ProvisioningProgress.Failed ? null : settings.StepDeadlineFrom(DateTimeOffset.UtcNow)));

        // Correlated by id, or by a property against a value: MassTransit's other kind, an expression over the message,
        // compiles code for every message it correlates (a tenth of this service's CPU under load, measured).
        Event(() => TenantCreated, e => e.CorrelateById(context => context.Message.ProvisioningId));
        Event(() => TenantRejected, e => e.CorrelateById(context => context.Message.ProvisioningId));
        Event(() => InstanceRejected, e => e.CorrelateById(context => context.Message.ProvisioningId));
        // Instances, invitations and status changes happen outside provisioning too: those find no flow and are dropped.
        EventOutsideProvisioningToo(() => InstanceCreated, message => message.ProvisioningId);
        EventOutsideProvisioningToo(() => AdminInvited, message => message.ProvisioningId);
        // The Invitation service gave up on the email (its retries ran out): MassTransit publishes the fault.
        EventOutsideProvisioningToo(() => InvitationFailed, fault => fault.Message.ProvisioningId);
        Event(() => StepTimedOut, e => e.CorrelateById(context => context.Message.ProvisioningId));
        Event(() => TenantStatusChanged, e =>
        {
            e.CorrelateBy<Guid>(state => state.TenantId, context => context.Message.TenantId);
            e.OnMissingInstance(missing => missing.Discard());
        });

        During(CreatingTenant,
            When(TenantCreated)
                .Then(context => context.Outbox(NextInstance(context.Saga)))
                .TransitionTo(CreatingInstance),
            When(TenantRejected)
                .Then(context => context.Fail(CreatingTenant, context.Message.Code, context.Message.Message))
                .TransitionTo(Failed),
            When(StepTimedOut, Overdue)
                .Then(context =>
                {
                    context.Outbox(new FailTenantProvisioning(context.Saga.CorrelationId, context.Saga.TenantId, context.Saga.PartnerId, StepTimedOutCode));
                    context.Fail(CreatingTenant, StepTimedOutCode, "The tenant was not created in time.");
                })
                .TransitionTo(Failed));

        During(CreatingInstance,
            When(InstanceCreated)
                .Then(context => context.Outbox(NextInvitation(context.Saga)))
                .TransitionTo(InvitingAdmin),
            When(InstanceRejected)
                .Then(context =>
                {
                    context.Outbox(new FailTenantProvisioning(context.Saga.CorrelationId, context.Saga.TenantId, context.Saga.PartnerId, context.Message.Code));
                    context.Fail(CreatingInstance, context.Message.Code, context.Message.Message);
                })
                .TransitionTo(Failed),
            When(StepTimedOut, Overdue)
                .Then(context =>
                {
                    context.UndoAll(StepTimedOutCode);
                    context.Fail(CreatingInstance, StepTimedOutCode, "The instance was not created in time.");
                })
                .TransitionTo(Failed));

        During(InvitingAdmin,
            When(AdminInvited)
                .Then(context => context.Outbox(new ActivateTenant(context.Saga.CorrelationId, context.Saga.TenantId, context.Saga.PartnerId)))
                .TransitionTo(ActivatingTenant),
            When(InvitationFailed)
                .Then(context =>
                {
                    context.UndoAll("INVITATION_NOT_SENT");
                    context.Fail(InvitingAdmin, "INVITATION_NOT_SENT", "The admin's invitation could not be sent.");
                })
                .TransitionTo(Failed),
            When(StepTimedOut, Overdue)
                .Then(context =>
                {
                    context.UndoAll(StepTimedOutCode);
                    context.Fail(InvitingAdmin, StepTimedOutCode, "The admin's invitation was not sent in time.");
                })
                .TransitionTo(Failed));

        During(ActivatingTenant,
            When(TenantStatusChanged, context => context.Message.Status == "Active")
                .Then(context => context.Complete())
                .TransitionTo(Completed),
            When(StepTimedOut, Overdue)
                .Then(context =>
                {
                    context.UndoAll(StepTimedOutCode);
                    context.Fail(ActivatingTenant, StepTimedOutCode, "The tenant was not activated in time.");
                })
                .TransitionTo(Failed));

        // A step that answers after the flow failed did its work too late: it is undone as it arrives.
        During(Failed,
            When(TenantCreated)
                .Then(context => context.Outbox(new FailTenantProvisioning(context.Saga.CorrelationId, context.Saga.TenantId, context.Saga.PartnerId,
                    context.Saga.FailureCode ?? StepTimedOutCode))),
            When(InstanceCreated)
                .Then(context => context.Outbox(new RemoveInstance(context.Saga.CorrelationId, context.Saga.InstanceId, context.Saga.TenantId,
                    context.Saga.PartnerId))),
            When(AdminInvited)
                .Then(context => context.Outbox(new RevokeInvitation(context.Saga.InvitationId, context.Saga.CorrelationId))),
            // The ActivateTenant sent before the deadline reached the Tenant service after it: the tenant is failed again.
            When(TenantStatusChanged, context => context.Message.Status == "Active")
                .Then(context => context.Outbox(new FailTenantProvisioning(context.Saga.CorrelationId, context.Saga.TenantId, context.Saga.PartnerId,
                    context.Saga.FailureCode ?? StepTimedOutCode))));

        // A message delivered twice, or late, finds the flow past the step it answers: it changes nothing.
        OnUnhandledEvent(context => context.Ignore());
    }

    private const string StepTimedOutCode = "STEP_TIMED_OUT";

    /// <summary>An event correlated by the provisioning id it may carry: one without looks for the empty id, which no flow has, and is dropped.</summary>
    private void EventOutsideProvisioningToo<TMessage>(Expression<Func<Event<TMessage>>> @event, Func<TMessage, Guid?> provisioningId)
        where TMessage : class =>
        Event(@event, e =>
        {
            e.CorrelateById(context => provisioningId(context.Message) ?? Guid.Empty);
            e.OnMissingInstance(missing => missing.Discard());
        });

    /// <summary>The word is about the step the flow is still in: one about a step it has left, read late, changes nothing.</summary>
    private static bool Overdue(BehaviorContext<ClientPlatformState, ClientPlatformStepTimedOut> context) =>
        context.Message.State == context.Saga.CurrentState;

    // What the flow was asked for travels with it, in its state: the instance and the admin come from the request.
    private static CreateInstance NextInstance(ClientPlatformState flow) =>
        new(flow.CorrelationId, flow.InstanceId, flow.TenantId, flow.PartnerId, flow.InstanceName, flow.Suites, flow.Branding, flow.Domain);

    private static SendInvitation NextInvitation(ClientPlatformState flow) =>
        new(flow.InvitationId, flow.AdminEmail, flow.AdminName, Roles.TenantAdmin, flow.PartnerId, flow.TenantId, flow.CorrelationId,
            OrganisationName: flow.ClientName);
}

/// <summary>The activities of the flow, written against the scoped PartnerDbContext the saga repository saves.</summary>
internal static class ClientPlatformActivities
{
    public static void Outbox<TMessage>(this BehaviorContext<ClientPlatformState> context, TMessage message) where TMessage : class
    {
        context.Saga.UpdatedAt = DateTimeOffset.UtcNow;
        context.GetServiceOrCreateInstance<PartnerDbContext>().Publish(message);
    }

    public static void Complete(this BehaviorContext<ClientPlatformState> context) =>
        context.Outbox(new ClientPlatformCreated(context.Saga.CorrelationId, context.Saga.TenantId, context.Saga.InstanceId, context.Saga.InvitationId,
            context.Saga.PartnerId, DateTimeOffset.UtcNow));

    /// <summary>Undoes every step, done or not: each undo of a step not (yet) done is a no-op, or keeps it from happening.</summary>
    public static void UndoAll(this BehaviorContext<ClientPlatformState> context, string code)
    {
        var flow = context.Saga;
        context.Outbox(new RevokeInvitation(flow.InvitationId, flow.CorrelationId));
        context.Outbox(new RemoveInstance(flow.CorrelationId, flow.InstanceId, flow.TenantId, flow.PartnerId));
        context.Outbox(new FailTenantProvisioning(flow.CorrelationId, flow.TenantId, flow.PartnerId, code));
    }

    public static void Fail<TMessage>(this BehaviorContext<ClientPlatformState, TMessage> context, State failedIn, string code, string message)
        where TMessage : class
    {
        context.Saga.FailedIn = failedIn.Name;
        context.Saga.FailureCode = code;
        context.Saga.FailureMessage = message;
        context.Outbox(new ClientPlatformCreationFailed(context.Saga.CorrelationId, context.Saga.PartnerId, code, message, DateTimeOffset.UtcNow));
    }
}
