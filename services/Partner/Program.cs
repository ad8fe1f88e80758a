using WebWaka.Partner.Data;
using WebWaka.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<PartnerDbContext>("partnerdb");
builder.AddRabbitMqMessaging("rabbitmq");

var app = builder.Build();

app.UseProblemResponses();
app.MapDefaultEndpoints();

app.Run();
