using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Identity;
using WebWaka.Partner.Apis;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.ApiKeys;

public sealed record CreateApiKeyRequest(string? Name, DateTimeOffset? ExpiresAt);

public sealed record ApiKeyResponse(Guid Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey key, DateTimeOffset now) =>
        new(key.Id, key.Name, key.StatusAt(now), key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.RevokedAt);
}

/// <summary>A key just made: the only answer that carries the key itself.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Key, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>What the gateway sends for a request that came with a key: the key, and the call to audit.</summary>
public sealed record ApiKeyExchangeRequest(string? Key, string? Method, string? Path);

/// <summary>
/// Partner API keys for automation: a partner admin makes named keys (shown once, kept hashed, optionally expiring) and
/// revokes them. A request that comes to the gateway with <c>Authorization: Bearer wwk_…</c> is exchanged there, on
/// every call, for a token of a minute (<c>/internal/api-keys/exchange</c>): the key is checked, its use noted and the
/// call audited, so a revoked key stops at its next request.
/// </summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/partner/api-keys").RequireAuthorization(Policies.PartnerOperator).WithTags("API keys")
            .AddEndpointFilter(async (context, next) => WebWakaClaims.IsApiKey(context.HttpContext.User)
                ? ApiProblems.Of(StatusCodes.Status403Forbidden, "FORBIDDEN", "API keys are made and revoked by a person signed in, not by a key.")
                : await next(context));
        keys.MapGet("/", ListAsync).WithSummary("The partner's API keys, newest first, without their secrets.");
        keys.MapPost("/", CreateAsync).WithSummary("Makes an API key; the answer is the only time the key is shown.");
        keys.MapDelete("/{keyId:guid}", RevokeAsync).WithSummary("Revokes an API key: its next request is refused.");

        app.MapPost("/internal/api-keys/exchange", ExchangeAsync).RequireCaller(ServiceNames.Gateway);
        return app;
    }

    private static async Task<Results<Ok<PagedList<ApiKeyResponse>>, ValidationProblem>> ListAsync(
        ActingPartner partner, PartnerDbContext database, TimeProvider clock, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var keys = database.ApiKeys.AsNoTracking().Where(k => k.PartnerId == partner.Id).OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id);
        return TypedResults.Ok(await paging.ApplyAsync(database, keys, k => ApiKeyResponse.From(k, now), cancellationToken));
    }

    private static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ActingPartner partner, Actor actor, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors()
            .Required("name", request.Name, maxLength: 100)
            .Check(request.ExpiresAt is null || request.ExpiresAt > now, "expiresAt", "In the future.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (key, presented) = ApiKey.Create(partner.Id, request.Name!.Trim(), request.ExpiresAt, actor.Id, now);
        database.ApiKeys.Add(key);
        database.Record(actor.Audit(partner.Id, "api-key", key.Id, "created", null, new { key.Name, key.ExpiresAt }, now));
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/partner/api-keys/{key.Id}", new CreatedApiKey(key.Id, key.Name, presented, key.CreatedAt, key.ExpiresAt));
    }

    private static async Task<NoContent> RevokeAsync(Guid keyId, ActingPartner partner, Actor actor, PartnerDbContext database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var key = await database.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.PartnerId == partner.Id, cancellationToken)
            ?? throw ProblemException.NotFound("API key");
        if (key.RevokedAt is null)
        {
            var now = clock.GetUtcNow();
            var before = key.StatusAt(now);
            key.RevokedAt = now;
            database.Record(actor.Audit(partner.Id, "api-key", key.Id, "revoked", new { status = before }, new { status = "Revoked" }, now));
            await database.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    /// <summary>
    /// The gateway's exchange: a usable key gets a token of a minute for its partner, and the call is audited as the key's;
    /// anything else is 401, not told why (unknown, wrong secret, expired and revoked look the same).
    /// </summary>
    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> ExchangeAsync(ApiKeyExchangeRequest request,
        PartnerDbContext database, TokenIssuer tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("key", request.Key, maxLength: 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        if (!Secret.TryParse(ApiKey.Prefix, request.Key, out var id, out var secret) ||
            await database.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken) is not { } key ||
            !Secret.Opens(key.SecretHash, secret) || !key.IsUsableAt(now))
        {
            return ApiProblems.Of(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "The API key is not valid.");
        }

        key.LastUsedAt = now;
        var actor = new Actor(key.Id, key.ActorName, Roles.PartnerAdmin);
        database.Record(actor.Audit(key.PartnerId, "api-key", key.Id, "used", null,
            new { method = request.Method?[..Math.Min(request.Method.Length, 16)], path = request.Path?[..Math.Min(request.Path.Length, 2048)] }, now));
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(tokens.Issue(key));
    }
}
