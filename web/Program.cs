using WebWaka.Api;
using WebWaka.Web.Components;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiConventions();
builder.Services.AddRazorComponents();

var app = builder.Build();

app.UseProblemResponses();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>();
app.MapDefaultEndpoints();

app.Run();
