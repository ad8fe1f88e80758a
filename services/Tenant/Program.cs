using WebWaka.ServiceDefaults;
using WebWaka.Tenant.Apis;
using WebWaka.Tenant.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNpgsqlDbContext<TenantDbContext>("tenantdb");
builder.AddRabbitMqMessaging("rabbitmq");

var app = builder.Build();

app.UseProblemResponses();
app.MapSignupApi();
app.MapDefaultEndpoints();

app.Run();
