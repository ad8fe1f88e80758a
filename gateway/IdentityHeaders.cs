namespace WebWaka.Gateway;

/// <summary>
/// Headers a client could send to pass itself off as someone: identity reaches the services only inside the
/// signed token, so the gateway drops these before proxying.
/// </summary>
internal static class IdentityHeaders
{
    private static readonly string[] Prefixes = ["X-Partner", "X-Tenant", "X-User", "X-Role", "X-WebWaka", "X-Forwarded-User", "X-Forwarded-Email", "X-Auth"];

    public static bool IsIdentityHeader(string name) =>
        Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
