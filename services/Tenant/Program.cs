using WebWaka.ServiceDefaults;
using WebWaka.Tenant.Apis;
using WebWaka.Tenant.Data;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTokenAuthentication();
builder.AddNpgsqlDbContext<TenantDbContext>("tenantdb");
builder.AddRabbitMqMessaging("rabbitmq");

var app = builder.Build();

app.UseProblemResponses();
app.UseAuthentication();
app.UseAuthorization();
app.MapSignupApi();
app.MapDefaultEndpoints();

app.Run();
