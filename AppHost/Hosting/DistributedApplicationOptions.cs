using System.Reflection;

namespace WebWaka.AppHost.Hosting;

/// <summary>How this run of the application is set up, from the command line.</summary>
public sealed class DistributedApplicationOptions
{
    public const int DefaultDashboardPort = 18888;

    /// <summary>The repository the projects are built in.</summary>
    public string RepositoryRoot { get; init; } = FindRepositoryRoot();

    /// <summary>Where PostgreSQL, RabbitMQ and the mail catcher keep their data between runs.</summary>
    public string DataDirectory { get; init; } = "";

    /// <summary>Wipe the data folder before starting.</summary>
    public bool Fresh { get; init; }

    /// <summary>Every endpoint on a free port, fixed ports ignored: for tests beside a running system.</summary>
    public bool Isolated { get; init; }

    /// <summary>The developer dashboard's port; 0 takes a free one, -1 serves none.</summary>
    public int DashboardPort { get; init; } = DefaultDashboardPort;

    /// <summary>A process whose end stops the application too, as a test host that started it.</summary>
    public int? ParentProcessId { get; init; }

    /// <summary>The ASP.NET Core environment the projects run in.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public static DistributedApplicationOptions Parse(IReadOnlyList<string> args)
    {
        var root = FindRepositoryRoot();
        string? dataDirectory = null;
        bool fresh = false, isolated = false;
        var dashboardPort = DefaultDashboardPort;
        int? parentProcessId = null;
        var environmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development";

        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--fresh": fresh = true; break;
                case "--isolated": isolated = true; break;
                case "--data-dir": dataDirectory = Path.GetFullPath(ValueOf(args, ref i)); break;
                case "--dashboard-port": dashboardPort = int.Parse(ValueOf(args, ref i)); break;
                case "--environment": environmentName = ValueOf(args, ref i); break;
                case "--parent-pid": parentProcessId = int.Parse(ValueOf(args, ref i)); break;
                default:
                    // Settings in the form --Section:Key=value go to configuration.
                    if (!args[i].StartsWith("--") || !args[i].Contains('='))
                    {
                        throw new ArgumentException($"Unknown option '{args[i]}'. Options: --fresh, --isolated, --data-dir PATH, --dashboard-port N, --environment NAME, --parent-pid PID, --Key=value.");
                    }
                    break;
            }
        }

        return new DistributedApplicationOptions
        {
            RepositoryRoot = root,
            DataDirectory = dataDirectory ?? Path.Combine(root, ".webwaka", "data"),
            Fresh = fresh,
            Isolated = isolated,
            DashboardPort = dashboardPort,
            EnvironmentName = environmentName,
            ParentProcessId = parentProcessId,
        };
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"Option '{args[i - 1]}' needs a value.");

    private static string FindRepositoryRoot() =>
        typeof(DistributedApplicationOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!.TrimEnd('/');
}
