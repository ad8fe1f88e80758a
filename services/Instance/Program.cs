using WebWaka.Api;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Instance.Apis;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domains;
using WebWaka.Instance.Messaging;
using WebWaka.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiConventions();
builder.AddTokenAuthentication();
builder.AddServiceDatabase<InstanceDbContext>("instancedb");
builder.AddOutboxPublisher<InstanceDbContext>();
builder.AddRabbitMqMessaging("rabbitmq", bus =>
{
    bus.AddConsumer<InstanceProvisioningConsumer>();
    bus.AddKnownClientsConsumer<InstanceDbContext>();
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(DomainSettings.Read(builder.Configuration));
builder.Services.AddSingleton<TxtLookup>();
builder.Services.AddScoped<DomainVerifier>();
builder.Services.AddHostedService<PendingDomainsCheck>();

var app = builder.Build();

app.UseProblemResponses();
app.UseTokenAuthentication();

app.MapCatalogApi();
app.MapInstancesApi();
app.MapDomainsApi();
app.MapInternalInstancesApi();
app.MapApiDocument();
app.MapDefaultEndpoints();

app.Run();
