using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using WebWaka.Api;
using WebWaka.Identity;

namespace WebWaka.Gateway;

/// <summary>
/// Per client address limits on sign-in (against password guessing) and on the public endpoints; per partner, a limit on
/// every request its people send with their tokens (<see cref="PartnerRequestLimit"/>).
/// </summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Public = "public";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        var publicPerMinute = configuration.GetValue("RateLimits:PublicPerMinute", 120);
        var perPartnerPerMinute = PartnerRequestLimit.From(configuration);
        return services.AddRateLimiter(options =>
        {
            // Keyed by the partner's id itself (no partner: the empty id, never limited), so a request allocates no key.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, Guid>(context =>
                WebWakaClaims.PartnerIdOf(context.User) is { } partner && partner != Guid.Empty
                    ? RateLimitPartition.GetFixedWindowLimiter(partner, _ => PerMinute(perPartnerPerMinute))
                    : RateLimitPartition.GetNoLimiter(Guid.Empty));
            options.AddPolicy(SignIn, context => PerClientAddress(context, signInPerMinute));
            options.AddPolicy(Public, context => PerClientAddress(context, publicPerMinute));
            // Every limiter here is a fixed window, which always says when it reopens.
            options.OnRejected = (context, _) => new ValueTask(ApiProblems.TooManyRequests(context.HttpContext.Response,
                    context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1),
                    "RATE_LIMITED", "Too many requests: try again shortly.")
                .ExecuteAsync(context.HttpContext));
        });
    }

    private static RateLimitPartition<string> PerClientAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientAddresses.Of(context.Connection.RemoteIpAddress), _ => PerMinute(perMinute));

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
