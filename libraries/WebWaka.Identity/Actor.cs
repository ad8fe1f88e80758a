using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebWaka.Contracts;

namespace WebWaka.Identity;

/// <summary>
/// The signed-in person making a change, from the token, as the audit trail names them. Declare it as an endpoint
/// parameter, and <see cref="Audit"/> each change in the transaction that makes it.
/// </summary>
public readonly record struct Actor(Guid? Id, string? Email, string? Role)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The platform itself, for a change no person asked for (a background check that verified a domain, say).</summary>
    public static readonly Actor System = new(null, null, "SYSTEM");

    public static Actor Of(ClaimsPrincipal user) =>
        new(Guid.TryParse(user.FindFirst(WebWakaClaims.Subject)?.Value, out var id) ? id : null,
            user.FindFirst(WebWakaClaims.Email)?.Value, WebWakaClaims.RoleOf(user));

    public static ValueTask<Actor> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(Of(context.User));

    /// <summary>
    /// The audit entry of a change; <paramref name="before"/> and <paramref name="after"/> are the values it changed, and
    /// <paramref name="client"/> the client it belongs to, if any, so the client's own trail shows it.
    /// </summary>
    public AuditRecorded Audit(Guid? partnerId, string entity, object entityId, string action, object? before, object? after, DateTimeOffset at,
        Guid? client = null) =>
        new(Guid.CreateVersion7(at), partnerId, Id, Email, Role, entity, entityId.ToString()!, action,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json), at, client);
}
