using WebWaka.Instance.Apis;
using WebWaka.Instance.Data;
using WebWaka.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<InstanceDbContext>("instancedb");
builder.AddRabbitMqMessaging("rabbitmq");

var app = builder.Build();

app.UseProblemResponses();
app.MapCatalogApi();
app.MapDefaultEndpoints();

app.Run();
