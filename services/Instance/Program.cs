using WebWaka.Instance.Apis;
using WebWaka.Instance.Data;
using WebWaka.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTokenAuthentication();
builder.AddNpgsqlDbContext<InstanceDbContext>("instancedb");
builder.AddRabbitMqMessaging("rabbitmq");

var app = builder.Build();

app.UseProblemResponses();
app.UseAuthentication();
app.UseAuthorization();
app.MapCatalogApi();
app.MapDefaultEndpoints();

app.Run();
