using Microsoft.AspNetCore.Identity;
using WebWaka.Api;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Messaging;
using WebWaka.Partner.ApiKeys;
using WebWaka.Partner.Apis;
using WebWaka.Partner.Applications;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Directory;
using WebWaka.Partner.Domain;
using WebWaka.Partner.Provisioning;
using WebWaka.Partner.SignupLinks;
using WebWaka.Partner.Team;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiConventions();
builder.AddTokenAuthentication();
builder.AddServiceDatabase<PartnerDbContext>("partnerdb");
builder.AddOutboxPublisher<PartnerDbContext>();
builder.AddRabbitMqMessaging("rabbitmq", bus =>
{
    bus.AddSagaStateMachine<CreateClientPlatformStateMachine, ClientPlatformState>()
        .EntityFrameworkRepository<ClientPlatformState, PartnerDbContext>();
    bus.AddConsumer<AuditRecordedConsumer>();
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(ProvisioningSettings.From(builder.Configuration));
builder.Services.AddSingleton(ProvisioningQuota.DefaultsFrom(builder.Configuration));
builder.Services.AddHostedService<ProvisioningDeadlines>();
builder.Services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
builder.Services.AddSingleton<TokenIssuer>();
builder.Services.AddSingleton<IRevocationFeed, DatabaseRevocationFeed>();
builder.Services.AddScoped<IDatabaseSeeder<PartnerDbContext>, SeedData>();

var app = builder.Build();

app.UseProblemResponses();
app.UseTokenAuthentication();

app.MapAuthApi();
app.MapPartnerApi();
app.MapClientPlatformApi();
app.MapAdminPartnersApi();
app.MapAuditApi();
app.MapTeamApi();
app.MapSignupLinksApi();
app.MapApiKeysApi();
app.MapDirectoryApi();
app.MapApplicationsApi();
app.MapInternalAccountsApi();
app.MapInternalPartnersApi();
app.MapInternalRevocationsApi();
app.MapApiDocument();
app.MapDefaultEndpoints();

app.Run();
