using MassTransit;
using WebWaka.Invitation.Data;
using WebWaka.Messaging;

namespace WebWaka.Invitation.Messaging;

public static class InvitationConsumers
{
    /// <summary>The service's consumers.</summary>
    public static IBusRegistrationConfigurator AddInvitationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SendInvitationConsumer>();
        bus.AddConsumer<RevokeInvitationConsumer>();
        bus.AddKnownClientsConsumer<InvitationDbContext>();
        bus.AddConsumer<ApplicationMailConsumer>();
        // On shutdown, a message waiting for its next retry is let go after a few seconds rather than holding the stop
        // up: it goes back to its queue and is handled (a new token, a new email) when the service runs again.
        bus.Configure<MassTransitHostOptions>(options => options.ConsumerStopTimeout = TimeSpan.FromSeconds(5));
        return bus;
    }

    /// <summary>
    /// The service's one retry policy: a mail server that is down may be back in a while, so a failed email is tried
    /// again at the settings' intervals before the message faults (and the flow that asked for it gives up); a
    /// message that can never succeed faults at once.
    /// </summary>
    public static Action<IRetryConfigurator> Retry(InvitationSettings settings) => retry => retry
        .Intervals([.. settings.EmailRetries])
        .Ignore<ArgumentException>();
}
