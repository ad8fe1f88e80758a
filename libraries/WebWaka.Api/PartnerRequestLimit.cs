using Microsoft.Extensions.Configuration;

namespace WebWaka.Api;

/// <summary>
/// Requests a minute one partner's people may send to authenticated routes (<c>Limits:RequestsPerMinute</c>, 600): the
/// gateway counts them, partner-api tells the partner the limit. AppHost gives both the same setting.
/// </summary>
public static class PartnerRequestLimit
{
    public static int From(IConfiguration configuration) => configuration.GetValue("Limits:RequestsPerMinute", 600);
}
