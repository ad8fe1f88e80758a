using WebWaka.AppHost.Resources;
using WebWaka.Contracts;

// The WebWaka distributed application. Settings come from the environment or the command line: DataDirectory
// (.webwaka/data), Gateway:Port (8080), Replicas:<service> (1), Durable (true; tests run PostgreSQL without fsync),
// Limits:<limit> (each partner's defaults, below), Telemetry:TraceRatio and :MetricSeconds (Aspire's: every trace, each second).
var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DashboardApplicationName = "WebWaka" });

var data = LocalData.From(builder.Configuration);
if (data.TryLock(out var holder) is not { } dataFolderLock)
{
    Console.Error.WriteLine($"WebWaka is already running on the data folder '{data.Path}' ({holder}). " +
        "Stop it first, or run this one on another folder with --DataDirectory=PATH.");
    return 1;
}

builder.Services.AddHostedService(_ => dataFolderLock);
var durable = builder.Configuration.GetValue("Durable", true);

var postgres = builder.AddPostgres("postgres", data, durable: durable);
var partnerDb = postgres.AddDatabase("partnerdb");
var tenantDb = postgres.AddDatabase("tenantdb");
var instanceDb = postgres.AddDatabase("instancedb");
var invitationDb = postgres.AddDatabase("invitationdb");

var rabbitmq = builder.AddRabbitMQ("rabbitmq", data);
var mail = builder.AddMailDev("mail", data);
var dns = builder.AddDnsServer("dns", data);
var telemetry = Telemetry.From(builder.Configuration);
var signingKey = builder.AddParameter("identity-signing-key", data.Secret("identity-signing-key", bytes: 32), secret: true);

// Every project: HTTP, ready when its /health says so, in AppHost's environment (Development for './webwaka up'), sending
// the telemetry the Telemetry settings ask for.
IResourceBuilder<ProjectResource> AddWebProject<TProject>(string name, int? port = null) where TProject : IProjectMetadata, new()
{
    var project = builder.AddProject<TProject>(name)
        .WithHttpEndpoint(port)
        .WithHttpHealthCheck("/health")
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithEnvironment("ServiceIdentity__Name", name)
        // They all share this one machine with the servers: the workstation collector (one heap, no collector threads per
        // core) leaves the cores to the work. The server collector cost the gateway a sixth of its throughput, and
        // provisioning a third, in the benchmark on two cores.
        .WithEnvironment("DOTNET_gcServer", "0");
    telemetry.ApplyTo(project);
    return project;
}

// Every service: its own database, the bus as its own user, the signing key; as many copies as Replicas:<name> says.
IResourceBuilder<ProjectResource> AddService<TProject>(string name, IResourceBuilder<PostgresDatabaseResource> database, BusAccess bus)
    where TProject : IProjectMetadata, new() =>
    AddWebProject<TProject>(name)
        .WithReplicas(builder.Configuration.GetValue($"Replicas:{name}", 1))
        .WithEnvironment("Identity__SigningKey", signingKey)
        .WithReference(database).WaitFor(database)
        .WithBusUser(rabbitmq, data, bus);

// What each service publishes and consumes on the bus: the broker lets it do that and nothing else (BusAccess).
var tenantApi = AddService<Projects.WebWaka_Tenant>("tenant-api", tenantDb, new BusAccess
{
    Publishes = [typeof(TenantCreated), typeof(TenantCreationRejected), typeof(TenantStatusChanged), typeof(TenantRenamed), typeof(AuditRecorded)],
    Consumes = [typeof(CreateTenant), typeof(ActivateTenant), typeof(FailTenantProvisioning), typeof(PartnerCreated), typeof(PartnerStatusChanged)],
});
var instanceApi = AddService<Projects.WebWaka_Instance>("instance-api", instanceDb, new BusAccess
{
    Publishes = [typeof(InstanceCreated), typeof(InstanceCreationRejected), typeof(InstanceRemoved), typeof(InstanceRenamed),
        typeof(InstanceSuitesChanged), typeof(InstanceBrandingChanged), typeof(DomainMapped), typeof(DomainUnmapped), typeof(AuditRecorded)],
    Consumes = [typeof(CreateInstance), typeof(RemoveInstance), typeof(TenantCreated), typeof(TenantStatusChanged), typeof(TenantRenamed)],
}).WithEnvironment("Domains__NameServer", dns.Resource.NameServer).WaitFor(dns);
var partnerApi = AddService<Projects.WebWaka_Partner>("partner-api", partnerDb, new BusAccess
{
    Publishes = [typeof(CreateTenant), typeof(ActivateTenant), typeof(FailTenantProvisioning), typeof(CreateInstance), typeof(RemoveInstance),
        typeof(SendInvitation), typeof(RevokeInvitation), typeof(ClientPlatformCreated), typeof(ClientPlatformCreationFailed),
        typeof(PartnerCreated), typeof(PartnerStatusChanged), typeof(UserRemoved), typeof(PartnerApplicationReceived),
        typeof(PartnerApplicationApproved), typeof(PartnerApplicationRejected)],
    Consumes = [typeof(TenantCreated), typeof(TenantCreationRejected), typeof(TenantStatusChanged), typeof(InstanceCreated),
        typeof(InstanceCreationRejected), typeof(InvitationSent), typeof(AuditRecorded)],
    ConsumesFaultsOf = [typeof(SendInvitation)],
});
var invitationApi = AddService<Projects.WebWaka_Invitation>("invitation-api", invitationDb, new BusAccess
{
    // SendInvitation too: the invitations a partner makes itself (a client's next admin, its team) are sent by this service.
    Publishes = [typeof(SendInvitation), typeof(InvitationSent), typeof(InvitationRevoked), typeof(InvitationAccepted), typeof(AuditRecorded)],
    Consumes = [typeof(SendInvitation), typeof(RevokeInvitation), typeof(PartnerApplicationReceived), typeof(PartnerApplicationRejected),
        typeof(TenantCreated), typeof(TenantStatusChanged), typeof(TenantRenamed)],
})
    .WithReference(mail).WaitFor(mail)
    .WithReference(partnerApi).WaitFor(partnerApi);

// The Tenant service asks the Partner service about a partner it has not heard of yet, and shows a client's
// instances and invitations from their services; every service asks the Partner service which users were removed.
// References only: none has to wait for the other.
tenantApi.WithReference(partnerApi).WithReference(instanceApi).WithReference(invitationApi);
instanceApi.WithReference(partnerApi);

// Who may call whom inside: each pair shares a key of its own, the caller signs its service token with it and the
// callee checks it, so a callee can pass itself off as its caller to nobody but itself; a pair without a key cannot talk.
void MayCall(IResourceBuilder<ProjectResource> caller, IResourceBuilder<ProjectResource> callee)
{
    var pair = $"{caller.Resource.Name}-calls-{callee.Resource.Name}";
    var key = builder.AddParameter(pair, data.Secret(pair, bytes: 32), secret: true);
    caller.WithEnvironment($"ServiceIdentity__Calls__{callee.Resource.Name}", key);
    callee.WithEnvironment($"ServiceIdentity__Callers__{caller.Resource.Name}", key);
}

MayCall(tenantApi, partnerApi);
MayCall(tenantApi, instanceApi);
MayCall(tenantApi, invitationApi);
MayCall(instanceApi, partnerApi);
MayCall(invitationApi, partnerApi);

// The dashboard calls the public API through the gateway, as the signed-in user; its session keys live in the data folder.
var web = AddWebProject<Projects.WebWaka_Web>("web")
    .WithEnvironment("DataProtection__KeysFolder", data.FolderOf("web-keys"));

var gateway = AddWebProject<Projects.WebWaka_Gateway>("gateway", port: builder.Configuration.GetValue("Gateway:Port", 8080))
    .WithExternalHttpEndpoints()
    .WithEnvironment("Identity__SigningKey", signingKey)
    .WithReference(partnerApi).WaitFor(partnerApi)
    .WithReference(tenantApi).WaitFor(tenantApi)
    .WithReference(instanceApi).WaitFor(instanceApi)
    .WithReference(invitationApi).WaitFor(invitationApi)
    .WithReference(web).WaitFor(web);
web.WithReference(gateway);
MayCall(gateway, partnerApi);

// The platform's default limits per partner (Limits:CreatesPerMinute, :ProvisioningsInFlight, :RequestsPerMinute; README,
// Limits), to the service that enforces them and the one that shows them; unset, each uses its own default.
foreach (var limit in builder.Configuration.GetSection("Limits").GetChildren())
{
    partnerApi.WithEnvironment($"Limits__{limit.Key}", limit.Value);
    gateway.WithEnvironment($"Limits__{limit.Key}", limit.Value);
}

builder.Build().Run();
return 0;
