using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using WebWaka.AppHost.Hosting;
using Xunit;

namespace WebWaka.Testing;

/// <summary>What the developer dashboard says of one resource.</summary>
public sealed record ResourceSnapshot(
    string Name, string Resource, string Kind, string State, string Health, string? Message,
    int? Pid, int? ExitCode, IReadOnlyList<string> Endpoints, string? ConnectionString);

/// <summary>
/// The whole distributed application, booted from AppHost's own resource model as a real AppHost process:
/// a throwaway data folder, every port free, the dashboard API to learn endpoints and states.
/// </summary>
public class DistributedAppFixture : IAsyncLifetime
{
    private static readonly string BuildConfiguration =
        typeof(DistributedAppFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private readonly StringBuilder _output = new();
    private Process? _appHost;
    private TestTokens? _tokens;

    public string DataDirectory { get; } = TestFolders.Create("webwaka-e2e-");

    /// <summary>Settings for AppHost, as environment variables (for example <c>Replicas__partner-api</c>).</summary>
    protected Dictionary<string, string> Settings { get; } = new()
    {
        // Tests sign in far more often than a person; the limit itself is tested on the gateway alone.
        ["RateLimits__SignInPerMinute"] = "10000",
    };

    public HttpClient Dashboard { get; private set; } = null!;

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
        var dashboardPort = FreePort.Next();
        var appHost = Path.Combine(new DistributedApplicationOptions().RepositoryRoot, "AppHost", "bin", BuildConfiguration, "net10.0", "AppHost.dll");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                appHost, "--isolated", "--data-dir", DataDirectory, "--dashboard-port", dashboardPort.ToString(),
                "--parent-pid", Environment.ProcessId.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Settings)
        {
            startInfo.Environment[key] = value;
        }

        _appHost = Process.Start(startInfo)!;
        _appHost.OutputDataReceived += (_, e) => Record(e.Data);
        _appHost.ErrorDataReceived += (_, e) => Record(e.Data);
        _appHost.BeginOutputReadLine();
        _appHost.BeginErrorReadLine();

        Dashboard = new HttpClient { BaseAddress = new Uri($"http://localhost:{dashboardPort}") };
        IReadOnlyList<ResourceSnapshot> resources;
        try
        {
            resources = await WaitUntilAsync(r => r.All(x => x.State == "Healthy"), TimeSpan.FromSeconds(150), "every resource healthy");
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            await StopAsync();
            throw;
        }

        var gateway = resources.Single(r => r.Name == "gateway").Endpoints[0];
        Gateway = new HttpClient { BaseAddress = new Uri(gateway) };
    }

    /// <summary>Stops AppHost as Ctrl+C would (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_appHost is null || _appHost.HasExited)
        {
            return;
        }

        Signals.Send(_appHost.Id, Signals.Terminate);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _appHost.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Mints tokens with the system's own signing key: for roles no seeded account has, and expired ones.</summary>
    public TestTokens Tokens => _tokens ??= new(File.ReadAllText(Path.Combine(DataDirectory, "secrets", "identity-signing-key")).Trim());

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

    public async Task<IReadOnlyList<ResourceSnapshot>> GetResourcesAsync() =>
        (await Dashboard.GetFromJsonAsync<List<ResourceSnapshot>>("/api/resources"))!;

    public async Task<ResourceSnapshot> GetResourceAsync(string name) =>
        (await GetResourcesAsync()).Single(r => r.Name == name);

    /// <summary>Polls the dashboard until the condition holds; fails with what AppHost printed if it never does.</summary>
    public async Task<IReadOnlyList<ResourceSnapshot>> WaitUntilAsync(Func<IReadOnlyList<ResourceSnapshot>, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ResourceSnapshot> resources = [];
        while (clock.Elapsed < timeout)
        {
            if (_appHost is { HasExited: true })
            {
                throw new InvalidOperationException($"AppHost exited with code {_appHost.ExitCode} before {what}.\n{Output}");
            }

            try
            {
                resources = await GetResourcesAsync();
                if (condition(resources))
                {
                    return resources;
                }
            }
            catch (HttpRequestException)
            {
                // The dashboard is not up yet.
            }

            await Task.Delay(250);
        }

        var states = string.Join("\n", resources.Select(r => $"  {r.Name}: {r.State} {r.Message}"));
        throw new TimeoutException($"Not {what} after {timeout}:\n{states}\nAppHost output (last part):\n{Output}");
    }

    /// <summary>The end of what AppHost printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                var text = _output.ToString();
                return text.Length > 20_000 ? text[^20_000..] : text;
            }
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
