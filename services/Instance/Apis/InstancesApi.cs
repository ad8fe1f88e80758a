using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Contracts.Platform;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domain;
using WebWaka.Messaging;

namespace WebWaka.Instance.Apis;

public sealed record CreateInstanceRequest(string? Name, IReadOnlyList<string>? Suites, Branding? Branding);

public sealed record RenameInstanceRequest(string? Name);

public sealed record ReplaceSuitesRequest(IReadOnlyList<string>? Suites);

/// <summary>
/// A partner's instances of one of its clients (partner-first rule 7: another partner's client, or an instance of
/// it, is 404). Each change publishes its event and its audit entry in the transaction that makes it. Instances of a
/// suspended, archived or failed client can be read, not changed.
/// </summary>
public static class InstancesApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/api/partner/clients/{tenantId:guid}/instances")
            .RequireAuthorization(Policies.PartnerOperator)
            .WithTags("Instances");
        instances.MapGet("/", ListAsync).WithSummary("A client's instances.");
        instances.MapPost("/", CreateAsync).WithSummary("Adds an instance to a client.");
        instances.MapGet("/{instanceId:guid}", GetAsync).WithSummary("One instance of a client.");
        instances.MapPatch("/{instanceId:guid}", RenameAsync).WithSummary("Renames an instance.");
        instances.MapDelete("/{instanceId:guid}", RemoveAsync).WithSummary("Removes an instance that is not the client's last; its domains are unmapped.");
        instances.MapPut("/{instanceId:guid}/suites", ReplaceSuitesAsync).WithSummary("Replaces an instance's suites.");
        instances.MapPut("/{instanceId:guid}/branding", RebrandAsync).WithSummary("Replaces an instance's branding.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<InstanceResponse>>, ValidationProblem>> ListAsync(
        Guid tenantId, ActingPartner partner, InstanceDbContext database, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var instances = database.Instances.AsNoTracking().Where(i => i.TenantId == tenantId).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id);
        var list = await paging.ApplyAsync(database, instances, i => i, cancellationToken);
        var responses = await database.ResponsesAsync(list.Items, cancellationToken);
        return TypedResults.Ok(new PagedList<InstanceResponse>(responses, list.Page, list.PageSize, list.Total, list.TotalIsExact));
    }

    private static async Task<Ok<InstanceResponse>> GetAsync(
        Guid tenantId, Guid instanceId, ActingPartner partner, InstanceDbContext database, CancellationToken cancellationToken)
    {
        await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var instance = await database.InstanceOfAsync(tenantId, instanceId, cancellationToken);
        return TypedResults.Ok(await database.ResponseAsync(instance, cancellationToken));
    }

    private static async Task<Results<Created<InstanceResponse>, ValidationProblem>> CreateAsync(
        Guid tenantId, CreateInstanceRequest request, HttpRequest http, ActingPartner partner, Actor actor, InstanceDbContext database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name);
        errors.Add("suites", InstanceRules.SuiteErrors(request.Suites));

        errors.Add(request.Branding is { } branding ? InstanceRules.BrandingProblems(branding, "branding") : []);

        var key = IdempotencyKey.From(http, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var fingerprint = IdempotencyKey.Fingerprint($"{tenantId}:{JsonSerializer.Serialize(request, Json)}");
        if (key is not null && await database.CreatedEarlierAsync(partner, key, fingerprint, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        client.EnsureAcceptsChanges();
        var now = clock.GetUtcNow();
        var instance = new PlatformInstance
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, PartnerId = partner.Id, Name = request.Name!.Trim(), Suites = [.. request.Suites!],
            CreatedAt = now, IdempotencyKey = key, RequestHash = key is null ? null : fingerprint,
        };
        instance.Rebrand(request.Branding);
        database.Instances.Add(instance);
        database.Publish(new InstanceCreated(null, instance.Id, tenantId, partner.Id, instance.Name, instance.Suites, now));
        database.Publish(actor.Audit(partner.Id, "instance", instance.Id, "created", null, Snapshot(instance), now, client: instance.TenantId));
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && key is not null)
        {
            // The same key arrived twice at once, and the other request won.
            database.ChangeTracker.Clear();
            return (await database.CreatedEarlierAsync(partner, key, fingerprint, cancellationToken))!;
        }

        return Created(await database.ResponseAsync(instance, cancellationToken));
    }

    private static async Task<Results<Ok<InstanceResponse>, ValidationProblem>> RenameAsync(
        Guid tenantId, Guid instanceId, RenameInstanceRequest request, ActingPartner partner, Actor actor, InstanceDbContext database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("name", request.Name);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var instance = await database.ChangeableInstanceAsync(tenantId, instanceId, partner, cancellationToken);
        var previous = instance.Name;
        instance.Name = request.Name!.Trim();
        if (instance.Name != previous)
        {
            var now = clock.GetUtcNow();
            database.Publish(new InstanceRenamed(instance.Id, tenantId, partner.Id, instance.Name, previous, now));
            database.Publish(actor.Audit(partner.Id, "instance", instance.Id, "renamed", new { name = previous }, new { name = instance.Name }, now, client: instance.TenantId));
            await database.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await database.ResponseAsync(instance, cancellationToken));
    }

    private static async Task<Results<Ok<InstanceResponse>, ValidationProblem>> ReplaceSuitesAsync(
        Guid tenantId, Guid instanceId, ReplaceSuitesRequest request, ActingPartner partner, Actor actor, InstanceDbContext database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Add("suites", InstanceRules.SuiteErrors(request.Suites));

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var instance = await database.ChangeableInstanceAsync(tenantId, instanceId, partner, cancellationToken);
        var previous = instance.Suites;
        if (!previous.SequenceEqual(request.Suites!))
        {
            var now = clock.GetUtcNow();
            instance.Suites = [.. request.Suites!];
            database.Publish(new InstanceSuitesChanged(instance.Id, tenantId, partner.Id, instance.Suites, previous, now));
            database.Publish(actor.Audit(partner.Id, "instance", instance.Id, "suites-changed", new { suites = previous }, new { suites = instance.Suites }, now, client: instance.TenantId));
            await database.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await database.ResponseAsync(instance, cancellationToken));
    }

    private static async Task<Results<Ok<InstanceResponse>, ValidationProblem>> RebrandAsync(
        Guid tenantId, Guid instanceId, Branding branding, ActingPartner partner, Actor actor, InstanceDbContext database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Add(InstanceRules.BrandingProblems(branding));

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var instance = await database.ChangeableInstanceAsync(tenantId, instanceId, partner, cancellationToken);
        var previous = instance.Branding;
        var next = branding with { DisplayName = branding.DisplayName.Trim() };
        if (previous != next)
        {
            var now = clock.GetUtcNow();
            instance.Rebrand(next);
            database.Publish(new InstanceBrandingChanged(instance.Id, tenantId, partner.Id, next, previous, now));
            database.Publish(actor.Audit(partner.Id, "instance", instance.Id, "branding-changed", previous, next, now, client: instance.TenantId));
            await database.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await database.ResponseAsync(instance, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid tenantId, Guid instanceId, ActingPartner partner, Actor actor, InstanceDbContext database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        client.EnsureAcceptsChanges();

        // Two removals at once must not leave a client with none: each locks the client's instances before it counts them.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var instances = await database.Instances.FromSqlInterpolated($"SELECT * FROM instances WHERE tenant_id = {tenantId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        var instance = instances.SingleOrDefault(i => i.Id == instanceId) ?? throw ProblemException.NotFound("instance");
        if (instances.Count == 1)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "LAST_INSTANCE", "A client keeps at least one instance: this is its last.");
        }

        var now = clock.GetUtcNow();
        foreach (var domain in await database.Domains.Where(d => d.InstanceId == instance.Id).ToListAsync(cancellationToken))
        {
            database.Domains.Remove(domain);
            if (domain.Status == DomainStatus.Verified)
            {
                database.Publish(new DomainUnmapped(instance.Id, tenantId, partner.Id, domain.Hostname, now));
            }
        }

        database.Instances.Remove(instance);
        database.Publish(new InstanceRemoved(null, instance.Id, tenantId, partner.Id, now));
        database.Publish(actor.Audit(partner.Id, "instance", instance.Id, "removed", Snapshot(instance), null, now, client: instance.TenantId));
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static object Snapshot(PlatformInstance instance) => new { name = instance.Name, suites = instance.Suites, branding = instance.Branding };

    private static Created<InstanceResponse> Created(InstanceResponse instance) =>
        TypedResults.Created($"/api/partner/clients/{instance.TenantId}/instances/{instance.Id}", instance);

    /// <summary>The first answer to a repeated key with the same request; a key used for another request is 422.</summary>
    private static async Task<Created<InstanceResponse>?> CreatedEarlierAsync(this InstanceDbContext database, ActingPartner partner, string key,
        string fingerprint, CancellationToken cancellationToken)
    {
        var earlier = await database.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.PartnerId == partner.Id && i.IdempotencyKey == key, cancellationToken);
        return earlier switch
        {
            null => null,
            _ when earlier.RequestHash == fingerprint => Created(await database.ResponseAsync(earlier, cancellationToken)),
            _ => throw IdempotencyKey.Reused(),
        };
    }
}
