using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WebWaka.Identity;

namespace WebWaka.Messaging;

/// <summary>MassTransit on the RabbitMQ broker named by <c>ConnectionStrings__{connectionName}</c>.</summary>
public static class RabbitMqBus
{
    /// <summary>
    /// Connects the bus with MassTransit's default topology (an exchange per message type) and registers what
    /// <paramref name="configure"/> adds. The service's queues carry its name (<c>tenant-api.create-tenant</c>), which is
    /// how the broker's permissions tell them from another service's, and its consumers take only what was published
    /// to a message type's own exchange (<see cref="PublishedByItsOwnerFilter{T}"/>). MassTransit reports the bus in
    /// <c>/health</c> and traces and measures it itself; this exports that telemetry, and our outbox's, with the
    /// service's own. (Aspire's RabbitMQ client integration would open a second connection that MassTransit never uses,
    /// and check that one instead.)
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMqMessaging(this IHostApplicationBuilder builder, string connectionName,
        Action<IBusRegistrationConfigurator>? configure = null, Action<IRetryConfigurator>? retry = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings__{connectionName} is not set: run the service through AppHost, or set it.");
        var broker = new Uri(connectionString);

        var service = builder.Configuration[$"{ServiceIdentitySettings.Section}:Name"];
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(string.IsNullOrEmpty(service) ? null : $"{service}.", includeNamespace: false));
            // MassTransit would otherwise report how it is used to its makers over the internet.
            bus.DisableUsageTelemetry();
            // One retry policy for every endpoint of the service: its own, or the default. Each try gets a fresh scope
            // (and DbContext), since the retry sits outside the message's scope.
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry ?? DefaultRetry);
                endpoint.UseConsumeFilter(typeof(PublishedByItsOwnerFilter<>), context);
            });
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)broker.Port, Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/')) is { Length: > 0 } vhost ? vhost : "/", host =>
                {
                    var credentials = broker.UserInfo.Split(':', 2);
                    host.Username(Uri.UnescapeDataString(credentials[0]));
                    host.Password(credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("MassTransit", Outbox.Telemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter("MassTransit"));
        return builder;
    }

    /// <summary>A database that blinks or a lost optimistic-concurrency race is worth a few quick tries.</summary>
    public static void DefaultRetry(IRetryConfigurator retry) =>
        retry.Exponential(8, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100));
}
