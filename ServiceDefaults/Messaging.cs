using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>MassTransit on the RabbitMQ broker named by <c>ConnectionStrings__{connectionName}</c>.</summary>
public static class MessagingExtensions
{
    /// <summary>
    /// Connects the bus with MassTransit's default topology (an exchange per message type) and registers what
    /// <paramref name="configure"/> adds. MassTransit reports the bus in <c>/health</c> itself.
    /// </summary>
    public static IHostApplicationBuilder AddRabbitMqMessaging(this IHostApplicationBuilder builder, string connectionName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings__{connectionName} is not set: run the service through AppHost, or set it.");
        var broker = new Uri(connectionString);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // A database that blinks or a lost optimistic-concurrency race is worth another try; each try gets
            // a fresh scope (and DbContext), since the retry sits outside the message's scope.
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(retry =>
                retry.Exponential(8, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100))));
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
        return builder;
    }
}
