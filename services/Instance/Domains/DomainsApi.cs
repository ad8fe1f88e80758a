using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Contracts.Platform;
using WebWaka.Identity;
using WebWaka.Instance.Apis;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domain;
using WebWaka.Messaging;

namespace WebWaka.Instance.Domains;

public sealed record AddDomainRequest(string? Hostname);

/// <summary>The DNS record that proves control of a hostname.</summary>
public sealed record VerificationRecord(string Type, string Name, string Value);

public sealed record DomainResponse(string Hostname, string Status, bool Primary, VerificationRecord Verification, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? VerifiedAt, DateTimeOffset? LastCheckedAt, string? LastCheckResult)
{
    public static DomainResponse From(CustomDomain domain) => new(domain.Hostname, domain.Status.ToString(), domain.IsPrimary,
        new VerificationRecord("TXT", domain.ChallengeName, domain.VerificationToken), domain.CreatedAt, domain.ExpiresAt, domain.VerifiedAt,
        domain.LastCheckedAt, domain.LastCheckResult);
}

/// <summary>
/// An instance's custom domains: claim a hostname (pending, with a TXT record to publish), verify it (mapped once the
/// record is seen), make a verified one primary, remove one. A hostname is mapped to one instance anywhere.
/// </summary>
public static class DomainsApi
{
    public static IEndpointRouteBuilder MapDomainsApi(this IEndpointRouteBuilder app)
    {
        var domains = app.MapGroup("/api/partner/clients/{tenantId:guid}/instances/{instanceId:guid}/domains")
            .RequireAuthorization(Policies.PartnerOperator)
            .WithTags("Domains");
        domains.MapGet("/", ListAsync).WithSummary("An instance's domains, each with the TXT record that proves it.");
        domains.MapPost("/", AddAsync).WithSummary("Claims a hostname for the instance: pending until its TXT record is found. Adding it again answers the claim.");
        domains.MapGet("/{hostname}", GetAsync).WithSummary("One of the instance's domains.");
        domains.MapPost("/{hostname}/verify", VerifyAsync).WithSummary("Looks the TXT record up now: Verified, or 409 DOMAIN_VERIFICATION_FAILED with what was found.");
        domains.MapPost("/{hostname}/primary", MakePrimaryAsync).WithSummary("Makes a verified domain the instance's primary one.");
        domains.MapDelete("/{hostname}", RemoveAsync).WithSummary("Removes a domain; a verified one is unmapped.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<DomainResponse>>, ValidationProblem>> ListAsync(
        Guid tenantId, Guid instanceId, ActingPartner partner, InstanceDbContext database, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await database.ClientOfAsync(tenantId, partner, cancellationToken);
        await database.InstanceOfAsync(tenantId, instanceId, cancellationToken);
        var domains = database.Domains.AsNoTracking().Where(d => d.InstanceId == instanceId).OrderByDescending(d => d.IsPrimary).ThenBy(d => d.Hostname);
        return TypedResults.Ok(await paging.ApplyAsync(database, domains, DomainResponse.From, cancellationToken));
    }

    private static async Task<Ok<DomainResponse>> GetAsync(Guid tenantId, Guid instanceId, string hostname, ActingPartner partner, InstanceDbContext database,
        CancellationToken cancellationToken)
    {
        await database.ClientOfAsync(tenantId, partner, cancellationToken);
        return TypedResults.Ok(DomainResponse.From(await database.DomainOfAsync(tenantId, instanceId, hostname, cancellationToken)));
    }

    private static async Task<Results<Created<DomainResponse>, Ok<DomainResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid tenantId, Guid instanceId, AddDomainRequest request, ActingPartner partner, Actor actor, InstanceDbContext database,
        DomainSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var hostname = request.Hostname?.Trim().TrimEnd('.').ToLowerInvariant();
        var errors = new ValidationErrors().Check(InstanceRules.IsHostname(hostname), "hostname", "A hostname such as shop.example.com.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var instance = await database.ChangeableInstanceAsync(tenantId, instanceId, partner, cancellationToken);
        var now = clock.GetUtcNow();
        var claimed = await database.Domains.SingleOrDefaultAsync(d => d.InstanceId == instanceId && d.Hostname == hostname, cancellationToken);
        if (claimed is { Status: not DomainStatus.Expired })
        {
            return TypedResults.Ok(DomainResponse.From(claimed));
        }

        if (await database.Domains.AnyAsync(d => d.Hostname == hostname && d.Status == DomainStatus.Verified, cancellationToken))
        {
            return Taken(hostname!);
        }

        if (claimed is not null)
        {
            // An expired claim is claimed afresh, with a new value to publish.
            database.Domains.Remove(claimed);
        }

        var domain = CustomDomain.Claim(hostname!, instance, now, settings.TimeToVerify);
        database.Domains.Add(domain);
        database.Publish(actor.Audit(partner.Id, "domain", domain.Hostname, "added", null, new { status = "Pending", instanceId }, now, client: tenantId));
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/partner/clients/{tenantId}/instances/{instanceId}/domains/{domain.Hostname}", DomainResponse.From(domain));
    }

    private static async Task<Results<Ok<DomainResponse>, ProblemHttpResult>> VerifyAsync(
        Guid tenantId, Guid instanceId, string hostname, ActingPartner partner, Actor actor, InstanceDbContext database, DomainVerifier verifier,
        CancellationToken cancellationToken)
    {
        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var domain = await database.DomainOfAsync(tenantId, instanceId, hostname, cancellationToken);
        client.EnsureAcceptsChanges();
        var (result, answer) = await verifier.VerifyAsync(domain.Id, actor, cancellationToken);
        database.ChangeTracker.Clear();
        var settled = await database.DomainOfAsync(tenantId, instanceId, hostname, cancellationToken);
        return result switch
        {
            VerificationResult.Verified => TypedResults.Ok(DomainResponse.From(settled)),
            VerificationResult.Taken => Taken(settled.Hostname),
            VerificationResult.Expired => ApiProblems.Of(StatusCodes.Status409Conflict, "DOMAIN_CLAIM_EXPIRED",
                $"The claim on {settled.Hostname} expired unverified: add the domain again for a new value to publish."),
            _ => ApiProblems.Of(StatusCodes.Status409Conflict, "DOMAIN_VERIFICATION_FAILED", $"{settled.Hostname} is not verified yet.",
                settled.LastCheckResult, new Dictionary<string, object?>
                {
                    ["expected"] = new VerificationRecord("TXT", settled.ChallengeName, settled.VerificationToken),
                    ["found"] = answer.Values,
                }),
        };
    }

    private static async Task<Results<Ok<DomainResponse>, ProblemHttpResult>> MakePrimaryAsync(
        Guid tenantId, Guid instanceId, string hostname, ActingPartner partner, Actor actor, InstanceDbContext database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        await database.Instances.FromSqlInterpolated($"SELECT * FROM instances WHERE id = {instanceId} FOR UPDATE").ToListAsync(cancellationToken);
        var domain = await database.DomainOfAsync(tenantId, instanceId, hostname, cancellationToken);
        client.EnsureAcceptsChanges();
        if (domain.Status != DomainStatus.Verified)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "DOMAIN_NOT_VERIFIED", $"{domain.Hostname} is {domain.Status}: only a verified domain can be primary.");
        }

        if (!domain.IsPrimary)
        {
            var previous = await database.Domains.Where(d => d.InstanceId == instanceId && d.IsPrimary).ToListAsync(cancellationToken);
            previous.ForEach(d => d.IsPrimary = false);
            // The old primary lets go first: at no moment does the instance have two.
            await database.SaveChangesAsync(cancellationToken);
            domain.IsPrimary = true;
            database.Publish(actor.Audit(partner.Id, "domain", domain.Hostname, "made-primary",
                new { primary = previous.Select(d => d.Hostname).FirstOrDefault() }, new { primary = domain.Hostname }, clock.GetUtcNow(), client: tenantId));
            await database.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(DomainResponse.From(domain));
    }

    private static async Task<NoContent> RemoveAsync(Guid tenantId, Guid instanceId, string hostname, ActingPartner partner, Actor actor,
        InstanceDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        await database.Instances.FromSqlInterpolated($"SELECT * FROM instances WHERE id = {instanceId} FOR UPDATE").ToListAsync(cancellationToken);
        var domain = await database.DomainOfAsync(tenantId, instanceId, hostname, cancellationToken);
        client.EnsureAcceptsChanges();
        var now = clock.GetUtcNow();
        database.Domains.Remove(domain);
        if (domain.Status == DomainStatus.Verified)
        {
            database.Publish(new DomainUnmapped(instanceId, tenantId, partner.Id, domain.Hostname, now));
        }

        database.Publish(actor.Audit(partner.Id, "domain", domain.Hostname, "removed", new { status = domain.Status.ToString(), primary = domain.IsPrimary }, null, now, client: tenantId));
        await database.SaveChangesAsync(cancellationToken);
        if (domain.IsPrimary && await database.Domains.Where(d => d.InstanceId == instanceId && d.Status == DomainStatus.Verified)
                .OrderBy(d => d.VerifiedAt).FirstOrDefaultAsync(cancellationToken) is { } next)
        {
            // The instance keeps a primary while it has a verified domain.
            next.IsPrimary = true;
            await database.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<CustomDomain> DomainOfAsync(this InstanceDbContext database, Guid tenantId, Guid instanceId, string hostname,
        CancellationToken cancellationToken)
    {
        await database.InstanceOfAsync(tenantId, instanceId, cancellationToken);
        var normalized = hostname.Trim().TrimEnd('.').ToLowerInvariant();
        return await database.Domains.SingleOrDefaultAsync(d => d.InstanceId == instanceId && d.Hostname == normalized, cancellationToken)
            ?? throw ProblemException.NotFound("domain");
    }

    private static ProblemHttpResult Taken(string hostname) =>
        ApiProblems.Of(StatusCodes.Status409Conflict, "DOMAIN_TAKEN", $"The domain '{hostname}' is mapped to another instance already.");
}
