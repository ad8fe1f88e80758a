using WebWaka.Invitation.Data;
using WebWaka.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTokenAuthentication();
builder.AddNpgsqlDbContext<InvitationDbContext>("invitationdb");
builder.AddRabbitMqMessaging("rabbitmq");

var app = builder.Build();

app.UseProblemResponses();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();

app.Run();
