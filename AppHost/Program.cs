// The WebWaka distributed application, declared the way a .NET Aspire AppHost declares it.
// Settings come from the environment or the command line: Gateway__Port (8080), Replicas__<service> (1).
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var partnerDb = postgres.AddDatabase("partnerdb");
var tenantDb = postgres.AddDatabase("tenantdb");
var instanceDb = postgres.AddDatabase("instancedb");
var invitationDb = postgres.AddDatabase("invitationdb");

var rabbitmq = builder.AddRabbitMQ("rabbitmq");
var signingKey = builder.AddParameter("identity-signing-key", secret: true);
var mail = builder.AddMailDev("mail");

var tenantApi = builder.AddProject("tenant-api", "services/Tenant/WebWaka.Tenant.csproj")
    .WithReplicas(builder.Configuration.GetValue("Replicas:tenant-api", 1))
    .WithEnvironment("Identity__SigningKey", signingKey)
    .WithReference(tenantDb).WaitFor(tenantDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq);

var instanceApi = builder.AddProject("instance-api", "services/Instance/WebWaka.Instance.csproj")
    .WithReplicas(builder.Configuration.GetValue("Replicas:instance-api", 1))
    .WithEnvironment("Identity__SigningKey", signingKey)
    .WithReference(instanceDb).WaitFor(instanceDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq);

var partnerApi = builder.AddProject("partner-api", "services/Partner/WebWaka.Partner.csproj")
    .WithReplicas(builder.Configuration.GetValue("Replicas:partner-api", 1))
    .WithEnvironment("Identity__SigningKey", signingKey)
    .WithReference(partnerDb).WaitFor(partnerDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq);

var invitationApi = builder.AddProject("invitation-api", "services/Invitation/WebWaka.Invitation.csproj")
    .WithReplicas(builder.Configuration.GetValue("Replicas:invitation-api", 1))
    .WithEnvironment("Identity__SigningKey", signingKey)
    .WithReference(invitationDb).WaitFor(invitationDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(mail).WaitFor(mail)
    .WithReference(partnerApi).WaitFor(partnerApi);

// The Tenant service asks the Partner service about a partner it has not heard of yet, and shows a client's
// instances and invitations from their services. References only: none has to wait for the other.
tenantApi.WithReference(partnerApi).WithReference(instanceApi).WithReference(invitationApi);

var web = builder.AddProject("web", "web/WebWaka.Web.csproj");

builder.AddProject("gateway", "gateway/WebWaka.Gateway.csproj")
    .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", 8080))
    .WithEnvironment("Identity__SigningKey", signingKey)
    .WithExternalHttpEndpoints()
    .WithReference(partnerApi).WaitFor(partnerApi)
    .WithReference(tenantApi).WaitFor(tenantApi)
    .WithReference(instanceApi).WaitFor(instanceApi)
    .WithReference(invitationApi).WaitFor(invitationApi)
    .WithReference(web).WaitFor(web);

await builder.Build().RunAsync();
