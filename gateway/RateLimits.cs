using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using WebWaka.Api;

namespace WebWaka.Gateway;

/// <summary>Per client address limits on sign-in (against password guessing) and on the public endpoints.</summary>
internal static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Public = "public";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        var publicPerMinute = configuration.GetValue("RateLimits:PublicPerMinute", 120);
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignIn, context => PerClientAddress(context, signInPerMinute));
            options.AddPolicy(Public, context => PerClientAddress(context, publicPerMinute));
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                }

                await ApiProblems.Of(StatusCodes.Status429TooManyRequests, "RATE_LIMITED", "Too many requests: try again shortly.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    private static RateLimitPartition<string> PerClientAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
