using WebWaka.Api;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Invitation.Apis;
using WebWaka.Invitation.Data;
using WebWaka.Invitation.Messaging;
using WebWaka.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiConventions();
builder.AddTokenAuthentication();
builder.AddServiceDatabase<InvitationDbContext>("invitationdb");
builder.AddOutboxPublisher<InvitationDbContext>();
var settings = InvitationSettings.Read(builder.Configuration);
builder.AddRabbitMqMessaging("rabbitmq", bus => bus.AddInvitationConsumers(), InvitationConsumers.Retry(settings));
builder.AddInvitationMail("mail");

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(settings);
builder.Services.AddServiceClient<PartnerAccounts>(ServiceNames.Partner);

var app = builder.Build();

app.UseProblemResponses();
app.UseTokenAuthentication();

app.MapInvitationsApi();
app.MapPartnerInvitationsApi();
app.MapInternalInvitationsApi();
app.MapApiDocument();
app.MapDefaultEndpoints();

app.Run();
