using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;

namespace WebWaka.Testing;

/// <summary>
/// The whole distributed application, booted from the real AppHost by Aspire.Hosting.Testing on a throwaway data
/// folder, every endpoint on a free port; ready when every resource is healthy.
/// </summary>
public class DistributedAppFixture : IAsyncLifetime
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(3);
    private TestTokens? _tokens;
    private ResourceStates _states = null!;

    public string DataDirectory { get; } = TestFolders.Create("webwaka-e2e-");

    /// <summary>AppHost settings (for example <c>Replicas:partner-api</c>), given to it as its command line.</summary>
    protected Dictionary<string, string> Settings { get; } = new()
    {
        // Tests (and the benchmark) provision far faster than a partner does; the limits are tested on partners given their own.
        ["Limits:CreatesPerMinute"] = "100000",
        ["Limits:ProvisioningsInFlight"] = "100000",
        ["Limits:RequestsPerMinute"] = "1000000",
    };

    /// <summary>Settings of one resource, as environment variables it gets from AppHost.</summary>
    protected List<(string Resource, string Variable, string Value)> ResourceSettings { get; } =
    [
        // Tests sign in and call public routes far more often than people; the limits are tested on the gateway alone.
        ("gateway", "RateLimits__SignInPerMinute", "100000"),
        ("gateway", "RateLimits__PublicPerMinute", "100000"),
        // A test stops the mail catcher: an email that cannot go gives up within a second, not a minute.
        ("invitation-api", "Invitations__EmailRetryIntervals__0", "00:00:00.2"),
        ("invitation-api", "Invitations__EmailRetryIntervals__1", "00:00:00.5"),
        // A domain whose TXT record appears is verified by the background check within a second or two.
        ("instance-api", "Domains__RecheckInterval", "00:00:01"),
        // A test stops a service mid-flow: its step times out in 20 seconds rather than 2 minutes, looked for every second.
        ("partner-api", "Provisioning__StepTimeout", "00:00:20"),
        ("partner-api", "Provisioning__DeadlineCheckInterval", "00:00:01"),
        // The dashboard renews its access token before every call (it would a minute before the token expires), so
        // every browser test goes through renewal.
        ("web", "Session__RefreshBefore", "00:15:00"),
    ];

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public virtual async Task InitializeAsync() => await StartAsync();

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>Starts AppHost on this fixture's data folder and waits until every resource is healthy.</summary>
    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(BootTimeout);
        string[] args =
        [
            $"DataDirectory={DataDirectory}",
            "Durable=false",
            .. Settings.Select(setting => $"{setting.Key}={setting.Value}"),
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true }, args, timeout.Token);
        foreach (var (resource, variable, value) in ResourceSettings)
        {
            builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == resource)).WithEnvironment(variable, value);
        }

        App = await builder.BuildAsync(timeout.Token);
        try
        {
            await App.StartAsync(timeout.Token);
            _states = ResourceStates.Watch(App);
            await _states.WaitUntilAsync(
                states => Model.Resources.Where(ResourceStates.RunsWithTheApp).All(r => states.Any(s => s.Resource == r)) &&
                          states.Where(s => ResourceStates.RunsWithTheApp(s.Resource)).All(s => s.Snapshot.HealthStatus == HealthStatus.Healthy),
                BootTimeout, "every resource healthy");
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            await StopAsync();
            throw;
        }

        Gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway", "http") };
        DashboardLogin = await App.GetDashboardUrlAsync(timeout.Token);
        Dashboard = new HttpClient { BaseAddress = new Uri(DashboardLogin.GetLeftPart(UriPartial.Authority)) };
        // The key of the dashboard's telemetry API, which AppHost makes for each run.
        Dashboard.DefaultRequestHeaders.Add("x-api-key", App.Services.GetRequiredService<IConfiguration>()["AppHost:DashboardApiKey"]);
    }

    /// <summary>The Aspire dashboard's login link, with its browser token, as './webwaka up' prints it.</summary>
    public Uri DashboardLogin { get; private set; } = null!;

    /// <summary>The Aspire dashboard, its telemetry API (<c>/api/telemetry/...</c>) included.</summary>
    public HttpClient Dashboard { get; private set; } = null!;

    /// <summary>Stops AppHost as Ctrl+C would, and waits until every process it started has ended.</summary>
    public async Task StopAsync()
    {
        if (App is null)
        {
            return;
        }

        await App.StopAsync();
        await App.DisposeAsync();
        await _states.DisposeAsync();
        App = null!;
    }

    /// <summary>Mints tokens with the system's own signing key: for roles no seeded account has, and expired ones.</summary>
    public TestTokens Tokens => _tokens ??= new(File.ReadAllText(Path.Combine(DataDirectory, "secrets", "identity-signing-key")).Trim());

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string");

    /// <summary>
    /// Runs SQL on one of the system's databases (<c>tenantdb</c>, ...) as an operator's psql would, answering the
    /// first column of the first row.
    /// </summary>
    public async Task<object?> QueryAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(await ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The mail catcher's inbox.</summary>
    public MailInbox Mail() => new(App.GetEndpoint("mail", "http").ToString());

    public DistributedApplicationModel Model => App.Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>What the dashboard shows of every resource and replica, as it changes.</summary>
    public ResourceStates States => _states;

    /// <summary>Signs in through the gateway and answers a client that sends the token.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        using var response = await Gateway.PostAsJsonAsync("/api/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
        return ClientWithToken(token);
    }

    public HttpClient ClientWithToken(string token) => new()
    {
        BaseAddress = Gateway.BaseAddress,
        DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>A client of <paramref name="service"/> itself, around the gateway, sending the token <paramref name="signedIn"/> sends.</summary>
    public HttpClient AroundTheGateway(string service, HttpClient signedIn) => new()
    {
        BaseAddress = App.GetEndpoint(service, "http"),
        DefaultRequestHeaders = { Authorization = signedIn.DefaultRequestHeaders.Authorization },
    };
}
