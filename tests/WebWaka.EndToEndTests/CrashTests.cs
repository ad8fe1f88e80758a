using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebWaka.Testing;
using Xunit.Abstractions;

namespace WebWaka.EndToEndTests;

/// <summary>
/// The crash suite: partners keep asking for client platforms while every server of the system is killed in turn
/// (SIGKILL, no goodbye) and started again, as an operator does from the dashboard. A refused request is sent again
/// with its Idempotency-Key, as the contract allows. Afterwards every accepted request has ended exactly once: one
/// tenant, one instance, one invitation and one email; or Failed, with nothing usable left behind. None is left
/// Pending. This test breaks the system it runs, so it has one of its own.
/// </summary>
public abstract class CrashSuite(DistributedAppFixture system, ITestOutputHelper output) : IAsyncLifetime
{
    // Enough to keep every service busy through each kill, not so many that two cores drown: correctness is measured
    // here, speed by the benchmark.
    private const int Workers = 2;
    private static readonly TimeSpan BetweenRequests = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);

    /// <summary>What runs each server, by resource: a service's own executable, RabbitMQ's Erlang VM, the postmaster.</summary>
    private static readonly (string Resource, Func<string, bool> IsServer)[] Victims =
    [
        ("partner-api", command => command.Split(' ')[0].EndsWith("/WebWaka.Partner")),
        ("tenant-api", command => command.Split(' ')[0].EndsWith("/WebWaka.Tenant")),
        ("instance-api", command => command.Split(' ')[0].EndsWith("/WebWaka.Instance")),
        ("invitation-api", command => command.Split(' ')[0].EndsWith("/WebWaka.Invitation")),
        ("rabbitmq", command => command.Contains("beam.smp")),
        ("postgres", command => command.StartsWith("/usr/lib/postgresql/") && command.Contains(" -D ")),
    ];

    private sealed record AcceptedRequest(string Slug, string Admin, Guid ProvisioningId);

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Every_accepted_request_ends_exactly_once_while_each_server_is_killed_and_restarted_in_turn()
    {
        var partner = await system.CreatePartnerAsync("Crash Agency");
        var accepted = new ConcurrentBag<AcceptedRequest>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => KeepAskingAsync(partner, accepted, stop.Token))).ToList();

        foreach (var (resource, isServer) in Victims)
        {
            await Eventually.GetAsync(() => Task.FromResult(accepted.Count), count => count > 0, TimeSpan.FromSeconds(60), "requests accepted before the next kill");
            await KillAndRestartAsync(resource, isServer);
        }

        var before = accepted.Count;
        await Eventually.GetAsync(() => Task.FromResult(accepted.Count), count => count > before, Recovery, "a request accepted after the last restart");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var outcomes = new List<(AcceptedRequest Request, JsonElement Status)>();
        foreach (var request in accepted)
        {
            try
            {
                outcomes.Add((request, await Eventually.GetAsync(() => partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/provisioning/{request.ProvisioningId}"),
                    status => status.GetProperty("status").GetString() != "Pending", Recovery, $"{request.Slug} ended")));
            }
            catch (TimeoutException stuck)
            {
                throw new TimeoutException($"{stuck.Message}{Environment.NewLine}{await OutboxesAsync()}", stuck);
            }
        }

        Assert.Equal(accepted.Count, accepted.Select(r => r.ProvisioningId).Distinct().Count());
        foreach (var (request, status) in outcomes)
        {
            if (status.GetProperty("status").GetString() == "Completed")
            {
                await AssertExactlyOneAsync(request, status.GetProperty("tenantId").GetGuid());
            }
            else
            {
                await AssertNothingUsableLeftAsync(request, status.TryGetProperty("tenantId", out var tenant) ? tenant.GetGuid() : null);
            }
        }

        var completed = outcomes.Count(o => o.Status.GetProperty("status").GetString() == "Completed");
        output.WriteLine($"{outcomes.Count} accepted: {completed} completed exactly once, {outcomes.Count - completed} failed leaving nothing usable, 0 pending; " +
            string.Join(", ", outcomes.Where(o => o.Status.TryGetProperty("failure", out _)).GroupBy(o => o.Status.GetProperty("failure").GetProperty("code").GetString())
                .Select(g => $"{g.Key} {g.Count()}")));

        // The system came back whole: requests made it through, and a new one does.
        Assert.True(completed > 0, "no request completed");
        var last = await partner.Admin.ProvisionAsync(ClientPlatforms.Request($"after-{Guid.NewGuid():N}"[..24]));
        Assert.Equal("Completed", last.GetProperty("status").GetString());
    }

    /// <summary>A partner's admin asking for one client after another, each sent again with its key until accepted.</summary>
    private static async Task KeepAskingAsync(RealPartner partner, ConcurrentBag<AcceptedRequest> accepted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var slug = $"crash-{Guid.NewGuid():N}"[..24];
            var admin = $"{slug}@clients.example";
            var key = Guid.NewGuid().ToString();
            var giveUp = DateTimeOffset.UtcNow + Recovery;
            while (DateTimeOffset.UtcNow < giveUp)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/partner/clients") { Content = JsonContent.Create(ClientPlatforms.Request(slug, admin: admin)) };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await partner.Admin.SendAsync(request, CancellationToken.None);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provisioningId").GetGuid();
                        accepted.Add(new AcceptedRequest(slug, admin, id));
                        await Task.Delay(BetweenRequests, CancellationToken.None);
                        break;
                    }

                    // A refusal that is not the system being down is a defect, not something to retry.
                    Assert.True((int)response.StatusCode >= 500, $"{slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException)
                {
                    // The gateway itself could not answer: send it again.
                }

                await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            }
        }
    }

    private async Task KillAndRestartAsync(string resource, Func<string, bool> isServer)
    {
        var running = system.States.Of(resource).First();
        var server = Processes.Descendants([running.ProcessId()!.Value]).First(p => isServer(p.CommandLine));
        Processes.Signal(server.Pid, Processes.Kill);
        await system.States.WaitUntilAsync(s => s.Single(r => r.ResourceId == running.ResourceId).State() is "Exited" or "Finished",
            TimeSpan.FromSeconds(30), $"{resource} dead");

        await system.App.ResourceCommands.ExecuteCommandAsync(running.ResourceId, "start");
        await system.States.WaitUntilAsync(
            states => states.Where(s => ResourceStates.RunsWithTheApp(s.Resource)).All(s => s.Snapshot.HealthStatus == HealthStatus.Healthy),
            Recovery, $"every resource healthy again after {resource} was killed");
    }

    private async Task<long> CountAsync(string database, string sql) => (long)(await system.QueryAsync(database, sql))!;

    /// <summary>What each service still has to publish: where a stuck flow's message waits, if it waits there.</summary>
    private async Task<string> OutboxesAsync()
    {
        var lines = new List<string>();
        foreach (var database in new[] { "partnerdb", "tenantdb", "instancedb", "invitationdb" })
        {
            lines.Add($"{database}: " + await system.QueryAsync(database,
                "SELECT count(*) || ' unpublished, oldest ' || coalesce(min(created_at)::text, '-') || ', types ' || coalesce(string_agg(DISTINCT split_part(message_type, ',', 1), ' '), '-') FROM outbox_messages WHERE published_at IS NULL"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private async Task AssertExactlyOneAsync(AcceptedRequest request, Guid tenantId)
    {
        Assert.Equal(1, await CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug = '{request.Slug}' AND status = 'Active'"));
        Assert.Equal(1, await CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug = '{request.Slug}'"));
        Assert.Equal(1, await CountAsync("instancedb", $"SELECT count(*) FROM instances WHERE tenant_id = '{tenantId}'"));
        Assert.Equal(1, await CountAsync("invitationdb", $"SELECT count(*) FROM invitations WHERE tenant_id = '{tenantId}'"));
        Assert.Equal(1, await CountAsync("invitationdb", $"SELECT count(*) FROM invitations WHERE tenant_id = '{tenantId}' AND status = 'Pending'"));
        // SMTP cannot be told "exactly once": a service killed (or a database lost) after the mail server took the email
        // and before its commit sends it again, with a new token. So: at least one email, and exactly one of their links
        // opens the invitation; every earlier one is refused.
        using var inbox = system.Mail();
        var mails = await inbox.ToAsync(request.Admin);
        Assert.NotEmpty(mails);
        var opens = 0;
        foreach (var mail in mails)
        {
            using var shown = await system.Gateway.GetAsync($"/api/invitations/{RealPartners.AcceptLink().Match(mail.Text).Groups["token"].Value}");
            Assert.True(shown.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{request.Admin}: {(int)shown.StatusCode}");
            opens += shown.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(1, opens);
        if (mails.Count > 1)
        {
            output.WriteLine($"{request.Admin}: {mails.Count} emails (sent again after a crash), one link opens");
        }
    }

    /// <summary>A failed flow leaves no tenant that is or may become active, no instance, no invitation that opens anything.</summary>
    private async Task AssertNothingUsableLeftAsync(AcceptedRequest request, Guid? tenantId)
    {
        await Eventually.GetAsync(() => CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug = '{request.Slug}' AND status <> 'ProvisioningFailed'"),
            count => count == 0, TimeSpan.FromSeconds(30), $"{request.Slug}: no live tenant");
        if (tenantId is { } tenant)
        {
            await Eventually.GetAsync(() => CountAsync("instancedb", $"SELECT count(*) FROM instances WHERE tenant_id = '{tenant}'"),
                count => count == 0, TimeSpan.FromSeconds(30), $"{request.Slug}: no instance");
        }

        await Eventually.GetAsync(() => CountAsync("invitationdb", $"SELECT count(*) FROM invitations WHERE email = '{request.Admin}' AND status = 'Pending'"),
            count => count == 0, TimeSpan.FromSeconds(30), $"{request.Slug}: no pending invitation");
    }
}

/// <summary>
/// The system as it runs for real: PostgreSQL durable (the other tests run it without fsync and synchronous commit, which
/// a killed server would expose as lost commits), with <paramref name="replicas"/> of each service.
/// </summary>
public sealed class DurableSystem : DistributedAppFixture
{
    public DurableSystem(int replicas)
    {
        Settings["Durable"] = "true";
        foreach (var service in new[] { "partner-api", "tenant-api", "instance-api", "invitation-api" })
        {
            Settings[$"Replicas:{service}"] = replicas.ToString();
        }
    }
}

/// <summary>The crash suite on the system with one replica of each service.</summary>
public sealed class CrashTests(ITestOutputHelper output) : CrashSuite(new DurableSystem(replicas: 1), output);

/// <summary>The crash suite with two replicas of each service: one of each is killed while the other keeps working.</summary>
public sealed class ReplicatedCrashTests(ITestOutputHelper output) : CrashSuite(new DurableSystem(replicas: 2), output);
