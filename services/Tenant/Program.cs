using WebWaka.Api;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Messaging;
using WebWaka.Tenant.Apis;
using WebWaka.Tenant.Data;
using WebWaka.Tenant.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiConventions();
builder.AddTokenAuthentication();
builder.AddServiceDatabase<TenantDbContext>("tenantdb");
builder.AddOutboxPublisher<TenantDbContext>();
builder.AddRabbitMqMessaging("rabbitmq", bus =>
{
    bus.AddConsumer<PartnerEventsConsumer>();
    bus.AddConsumer<CreateTenantConsumer>();
    bus.AddConsumer<ProvisioningOutcomeConsumer>();
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddServiceClient<PartnerDirectory>(ServiceNames.Partner);
builder.Services.AddServiceClient(ServiceNames.Instance);
builder.Services.AddServiceClient(ServiceNames.Invitation);
builder.Services.AddScoped<ClientComposition>();

var app = builder.Build();

app.UseProblemResponses();
app.UseTokenAuthentication();

app.MapSignupApi();
app.MapClientsApi();
app.MapApiDocument();
app.MapDefaultEndpoints();

app.Run();
