using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebWaka.ServiceTests.Invitation;

/// <summary>
/// A real HTTP server in partner-api's place, answering POST /internal/accounts as the Partner service does
/// (201 with the account, 409 ACCOUNT_EXISTS for a taken email) and keeping every body it was sent.
/// </summary>
public sealed class StandInPartnerApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Guid> _accounts = new(StringComparer.OrdinalIgnoreCase);

    private StandInPartnerApi(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single();

    public ConcurrentQueue<JsonElement> Requests { get; } = [];

    /// <summary>How long it takes to answer, so that two accepts can be in flight together.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public void AddExistingAccount(string email) => _accounts[email] = Guid.NewGuid();

    public Guid? AccountOf(string email) => _accounts.TryGetValue(email, out var id) ? id : null;

    public static async Task<StandInPartnerApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new StandInPartnerApi(app);
        app.MapPost("/internal/accounts", async (HttpContext context) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            server.Requests.Enqueue(body);
            await Task.Delay(server.Delay);
            var id = Guid.NewGuid();
            var email = body.GetProperty("email").GetString()!;
            return server._accounts.TryAdd(email, id)
                ? Results.Created($"/internal/accounts/{id}", new { id, email, name = body.GetProperty("name").GetString() })
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "An account with this email exists.",
                    extensions: new Dictionary<string, object?> { ["code"] = "ACCOUNT_EXISTS" });
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
