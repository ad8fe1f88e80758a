using WebWaka.Invitation.Data;
using WebWaka.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<InvitationDbContext>("invitationdb");
builder.AddRabbitMqMessaging("rabbitmq");

var app = builder.Build();

app.UseProblemResponses();
app.MapDefaultEndpoints();

app.Run();
