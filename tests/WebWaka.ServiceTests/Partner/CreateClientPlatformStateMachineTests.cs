using MassTransit.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebWaka.Contracts;
using WebWaka.Messaging;
using WebWaka.Partner.Data;
using WebWaka.Partner.Provisioning;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Partner;

/// <summary>
/// The Create Client Platform state machine under MassTransit's test harness, its state kept by our saga
/// repository in a real PostgreSQL database: each step's command lands in the outbox with the state.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CreateClientPlatformStateMachineTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;
    private readonly Guid _partner = Guid.NewGuid();
    private readonly ProvisioningSettings _settings = new(StepTimeout: TimeSpan.FromMinutes(2), DeadlineCheckInterval: TimeSpan.FromSeconds(5));

    public async Task InitializeAsync()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("saga");
        _services = new ServiceCollection()
            .AddDbContext<PartnerDbContext>(options => options.UseNpgsql(connectionString))
            .AddSingleton(_settings)
            .AddMassTransitTestHarness(bus => bus.AddSagaStateMachine<CreateClientPlatformStateMachine, ClientPlatformState>()
                .EntityFrameworkRepository<ClientPlatformState, PartnerDbContext>())
            .BuildServiceProvider(validateScopes: true);
        await using (var scope = _services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PartnerDbContext>().Database.MigrateAsync();
        }

        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
    }

    private async Task<ClientPlatformRequested> RequestAsync(string? domain = null)
    {
        var request = new ClientPlatformRequested(Guid.NewGuid(), _partner, "Partner", "Ada Stores", "ada-stores", "Main store",
            ["commerce"], new Branding("Ada", null, "#112233", null), domain, "ada@example.com", "Ada", DateTimeOffset.UtcNow);
        await using var scope = _services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<PartnerDbContext>();
        database.AcceptProvisioning(request, idempotencyKey: null, requestHash: "test", _settings);
        await database.SaveChangesAsync();
        return request;
    }

    private async Task<ClientPlatformState> StateAsync(Guid provisioningId, string expected) =>
        await Eventually.GetAsync(async () =>
        {
            await using var scope = _services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<PartnerDbContext>().ClientPlatforms.AsNoTracking()
                .SingleOrDefaultAsync(s => s.CorrelationId == provisioningId);
        }, state => state?.CurrentState == expected, TimeSpan.FromSeconds(10), $"in {expected}") ?? throw new InvalidOperationException();

    private async Task<List<string>> OutboxAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PartnerDbContext>().Set<OutboxMessage>().AsNoTracking()
            .OrderBy(m => m.CreatedAt).Select(m => m.MessageType).ToListAsync();
    }

    private static string Named<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";

    [Fact]
    public async Task A_request_walks_through_every_step_to_Completed_with_each_command_in_the_outbox()
    {
        var request = await RequestAsync();
        var state = await StateAsync(request.ProvisioningId, "CreatingTenant");
        Assert.Equal([Named<CreateTenant>()], await OutboxAsync());

        await _harness.Bus.Publish(new TenantCreated(request.ProvisioningId, state.TenantId, _partner, "Ada Stores", "ada-stores", "Provisioning", DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "CreatingInstance");
        await _harness.Bus.Publish(new InstanceCreated(request.ProvisioningId, state.InstanceId, state.TenantId, _partner, "Main store", ["commerce"], DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "InvitingAdmin");
        await _harness.Bus.Publish(new InvitationSent(state.InvitationId, "ada@example.com", Roles.TenantAdmin, _partner, state.TenantId, request.ProvisioningId,
            DateTimeOffset.UtcNow.AddDays(7), DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "ActivatingTenant");
        await _harness.Bus.Publish(new TenantStatusChanged(state.TenantId, _partner, "Active", "Provisioning", DateTimeOffset.UtcNow));
        var completed = await StateAsync(request.ProvisioningId, "Completed");

        Assert.Equal([Named<CreateTenant>(), Named<CreateInstance>(), Named<SendInvitation>(), Named<ActivateTenant>(), Named<ClientPlatformCreated>()],
            await OutboxAsync());
        Assert.Null(completed.FailureCode);
        Assert.Null(completed.StepDeadline);
        // Written as accepted, in its first step, then once per answer.
        Assert.Equal(5, completed.Version);
    }

    [Fact]
    public async Task An_activation_past_its_deadline_is_undone_and_one_that_lands_after_that_is_taken_back()
    {
        var request = await RequestAsync();
        var state = await StateAsync(request.ProvisioningId, "CreatingTenant");
        await _harness.Bus.Publish(new TenantCreated(request.ProvisioningId, state.TenantId, _partner, "Ada Stores", "ada-stores", "Provisioning", DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "CreatingInstance");
        await _harness.Bus.Publish(new InstanceCreated(request.ProvisioningId, state.InstanceId, state.TenantId, _partner, "Main store", ["commerce"], DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "InvitingAdmin");
        await _harness.Bus.Publish(new InvitationSent(state.InvitationId, "ada@example.com", Roles.TenantAdmin, _partner, state.TenantId, request.ProvisioningId,
            DateTimeOffset.UtcNow.AddDays(7), DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "ActivatingTenant");

        await _harness.Bus.Publish(new ClientPlatformStepTimedOut(request.ProvisioningId, "ActivatingTenant", DateTimeOffset.UtcNow));
        var failed = await StateAsync(request.ProvisioningId, "Failed");
        Assert.Equal(("STEP_TIMED_OUT", "ActivatingTenant"), (failed.FailureCode, failed.FailedIn));
        string[] undone = [Named<CreateTenant>(), Named<CreateInstance>(), Named<SendInvitation>(), Named<ActivateTenant>(), Named<RevokeInvitation>(),
            Named<RemoveInstance>(), Named<FailTenantProvisioning>(), Named<ClientPlatformCreationFailed>()];
        Assert.Equal(undone, await OutboxAsync());

        // The Tenant service was down and took the ActivateTenant before the FailTenantProvisioning: the flow fails it again.
        await _harness.Bus.Publish(new TenantStatusChanged(state.TenantId, _partner, "Active", "Provisioning", DateTimeOffset.UtcNow));
        Assert.Equal([.. undone, Named<FailTenantProvisioning>()],
            await Eventually.GetAsync(OutboxAsync, outbox => outbox.Count > undone.Length, TimeSpan.FromSeconds(10), "the late activation taken back"));
        await StateAsync(request.ProvisioningId, "Failed");
    }

    [Fact]
    public async Task A_step_past_its_deadline_ends_STEP_TIMED_OUT_and_what_it_does_late_is_undone()
    {
        var request = await RequestAsync();
        var state = await StateAsync(request.ProvisioningId, "CreatingTenant");
        Assert.InRange(state.StepDeadline!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1.5), TimeSpan.FromMinutes(2));
        await _harness.Bus.Publish(new TenantCreated(request.ProvisioningId, state.TenantId, _partner, "Ada Stores", "ada-stores", "Provisioning", DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "CreatingInstance");

        // Word that the step the flow has left timed out, read late, changes nothing.
        var saga = _harness.GetSagaStateMachineHarness<CreateClientPlatformStateMachine, ClientPlatformState>();
        await _harness.Bus.Publish(new ClientPlatformStepTimedOut(request.ProvisioningId, "CreatingTenant", DateTimeOffset.UtcNow));
        Assert.True(await saga.Consumed.Any<ClientPlatformStepTimedOut>());
        Assert.Equal([Named<CreateTenant>(), Named<CreateInstance>()], await OutboxAsync());

        // The step it is in timed out: Failed, and every step undone.
        await _harness.Bus.Publish(new ClientPlatformStepTimedOut(request.ProvisioningId, "CreatingInstance", DateTimeOffset.UtcNow));
        var failed = await StateAsync(request.ProvisioningId, "Failed");
        Assert.Equal(("STEP_TIMED_OUT", "CreatingInstance"), (failed.FailureCode, failed.FailedIn));
        Assert.Null(failed.StepDeadline);
        Assert.Equal([Named<CreateTenant>(), Named<CreateInstance>(), Named<RevokeInvitation>(), Named<RemoveInstance>(), Named<FailTenantProvisioning>(),
            Named<ClientPlatformCreationFailed>()], await OutboxAsync());

        // The Instance service was only slow: the instance it makes now is removed as soon as the flow hears of it.
        await _harness.Bus.Publish(new InstanceCreated(request.ProvisioningId, state.InstanceId, state.TenantId, _partner, "Main store", ["commerce"], DateTimeOffset.UtcNow));
        await Eventually.GetAsync(OutboxAsync, outbox => outbox.Count(m => m == Named<RemoveInstance>()) == 2, TimeSpan.FromSeconds(10),
            "the late instance removed");
    }

    [Fact]
    public async Task A_tenant_refused_ends_the_flow_Failed_with_the_refusal_and_nothing_to_undo()
    {
        var request = await RequestAsync();
        var state = await StateAsync(request.ProvisioningId, "CreatingTenant");

        await _harness.Bus.Publish(new TenantCreationRejected(request.ProvisioningId, state.TenantId, _partner, "PARTNER_NOT_ACTIVE", "not active",
            DateTimeOffset.UtcNow));

        var failed = await StateAsync(request.ProvisioningId, "Failed");
        Assert.Equal(("PARTNER_NOT_ACTIVE", "CreatingTenant"), (failed.FailureCode, failed.FailedIn));
        Assert.Null(failed.StepDeadline);
        Assert.Equal([Named<CreateTenant>(), Named<ClientPlatformCreationFailed>()], await OutboxAsync());
    }

    [Fact]
    public async Task A_taken_domain_undoes_the_tenant_and_ends_Failed_with_its_code()
    {
        var request = await RequestAsync("shop.example.com");
        var state = await StateAsync(request.ProvisioningId, "CreatingTenant");
        await _harness.Bus.Publish(new TenantCreated(request.ProvisioningId, state.TenantId, _partner, "Ada Stores", "ada-stores", "Provisioning", DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "CreatingInstance");

        await _harness.Bus.Publish(new InstanceCreationRejected(request.ProvisioningId, state.InstanceId, state.TenantId, _partner, "DOMAIN_TAKEN", "taken", DateTimeOffset.UtcNow));

        var failed = await StateAsync(request.ProvisioningId, "Failed");
        Assert.Equal(("DOMAIN_TAKEN", "CreatingInstance"), (failed.FailureCode, failed.FailedIn));
        Assert.Equal([Named<CreateTenant>(), Named<CreateInstance>(), Named<FailTenantProvisioning>(), Named<ClientPlatformCreationFailed>()], await OutboxAsync());
    }

    [Fact]
    public async Task An_invitation_that_cannot_be_sent_undoes_the_instance_and_the_tenant()
    {
        var request = await RequestAsync();
        var state = await StateAsync(request.ProvisioningId, "CreatingTenant");
        await _harness.Bus.Publish(new TenantCreated(request.ProvisioningId, state.TenantId, _partner, "Ada Stores", "ada-stores", "Provisioning", DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "CreatingInstance");
        await _harness.Bus.Publish(new InstanceCreated(request.ProvisioningId, state.InstanceId, state.TenantId, _partner, "Main store", ["commerce"], DateTimeOffset.UtcNow));
        await StateAsync(request.ProvisioningId, "InvitingAdmin");

        await _harness.Bus.Publish<Fault<SendInvitation>>(new
        {
            Message = new SendInvitation(state.InvitationId, "ada@example.com", "Ada", Roles.TenantAdmin, _partner, state.TenantId, request.ProvisioningId),
            FaultId = Guid.NewGuid(),
            Timestamp = DateTime.UtcNow,
            Exceptions = Array.Empty<ExceptionInfo>(),
            FaultMessageTypes = new[] { "urn:message:WebWaka.Contracts:SendInvitation" },
        });

        var failed = await StateAsync(request.ProvisioningId, "Failed");
        Assert.Equal(("INVITATION_NOT_SENT", "InvitingAdmin"), (failed.FailureCode, failed.FailedIn));
        Assert.Equal([Named<CreateTenant>(), Named<CreateInstance>(), Named<SendInvitation>(), Named<RevokeInvitation>(), Named<RemoveInstance>(),
            Named<FailTenantProvisioning>(), Named<ClientPlatformCreationFailed>()], await OutboxAsync());
    }

    [Fact]
    public async Task A_message_delivered_twice_changes_nothing_the_second_time()
    {
        var request = await RequestAsync();
        var state = await StateAsync(request.ProvisioningId, "CreatingTenant");
        var created = new TenantCreated(request.ProvisioningId, state.TenantId, _partner, "Ada Stores", "ada-stores", "Provisioning", DateTimeOffset.UtcNow);
        await _harness.Bus.Publish(created);
        var afterFirst = await StateAsync(request.ProvisioningId, "CreatingInstance");

        await _harness.Bus.Publish(created);
        var saga = _harness.GetSagaStateMachineHarness<CreateClientPlatformStateMachine, ClientPlatformState>();
        await Eventually.GetAsync(() => Task.FromResult(saga.Consumed.Select<TenantCreated>().Count()), count => count == 2, TimeSpan.FromSeconds(10),
            "the second delivery consumed");

        var afterSecond = await StateAsync(request.ProvisioningId, "CreatingInstance");
        Assert.Equal(afterFirst.Version, afterSecond.Version);
        Assert.Equal([Named<CreateTenant>(), Named<CreateInstance>()], await OutboxAsync());
    }
}
