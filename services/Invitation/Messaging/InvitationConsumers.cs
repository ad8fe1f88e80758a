using MassTransit;

namespace WebWaka.Invitation.Messaging;

public static class InvitationConsumers
{
    /// <summary>The service's consumers, and how a failed attempt is retried.</summary>
    public static IBusRegistrationConfigurator AddInvitationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<SendInvitationConsumer>();
        bus.AddConsumer<RevokeInvitationConsumer>();
        // Each attempt runs in a new scope (a fresh DbContext): a failed email or a lost race is tried again a few times
        // before the message goes to the error queue; a message that can never succeed goes there at once.
        bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(retry => retry
            .Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30))
            .Ignore<ArgumentException>()));
        // On shutdown, a message waiting for its next retry is let go after a few seconds rather than holding the stop
        // up: it goes back to its queue and is handled (a new token, a new email) when the service runs again.
        bus.Configure<MassTransitHostOptions>(options => options.ConsumerStopTimeout = TimeSpan.FromSeconds(5));
        return bus;
    }
}
