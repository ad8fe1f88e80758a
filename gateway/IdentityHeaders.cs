using System.Net.Http.Headers;

namespace WebWaka.Gateway;

/// <summary>
/// Headers a client could send to pass itself off as someone: identity reaches the services only inside the
/// signed token, so the gateway drops these before proxying.
/// </summary>
internal static class IdentityHeaders
{
    private static readonly string[] Prefixes = ["X-Partner", "X-Tenant", "X-User", "X-Role", "X-WebWaka", "X-Forwarded-User", "X-Forwarded-Email", "X-Auth"];

    private static bool IsIdentityHeader(string name)
    {
        foreach (var prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops them from a request on its way out. On every request: it reads the names without parsing values, and
    /// allocates only when there is one to drop.</summary>
    public static void RemoveFrom(HttpRequestHeaders headers)
    {
        List<string>? found = null;
        foreach (var header in headers.NonValidated)
        {
            if (IsIdentityHeader(header.Key))
            {
                (found ??= []).Add(header.Key);
            }
        }

        foreach (var name in found ?? [])
        {
            headers.Remove(name);
        }
    }
}
