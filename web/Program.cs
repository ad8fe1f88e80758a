using MudBlazor.Services;
using WebWaka.Api;
using WebWaka.Web.Account;
using WebWaka.Web.Api;
using WebWaka.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiConventions();
builder.AddDashboardSessions();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddHttpClient<WebWakaApi>(gateway => gateway.BaseAddress = new Uri("http://gateway"));
builder.Services.AddScoped<CurrentAccessToken>();
builder.Services.AddSingleton(SessionSettings.From(builder.Configuration));
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();

app.UseProblemResponses();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapSignOut();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints();

app.Run();
