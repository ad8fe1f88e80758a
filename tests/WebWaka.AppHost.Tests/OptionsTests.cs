namespace WebWaka.AppHost.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_keep_data_in_the_repository_and_serve_the_dashboard_on_18888()
    {
        var options = DistributedApplicationOptions.Parse([]);

        Assert.Equal(Path.Combine(options.RepositoryRoot, ".webwaka", "data"), options.DataDirectory);
        Assert.Equal(18888, options.DashboardPort);
        Assert.False(options.Fresh);
        Assert.False(options.Isolated);
        Assert.True(File.Exists(Path.Combine(options.RepositoryRoot, "WebWaka.Aspire.sln")));
    }

    [Fact]
    public void Flags_and_settings_are_read()
    {
        var options = DistributedApplicationOptions.Parse(["--fresh", "--isolated", "--data-dir", "/tmp/x", "--dashboard-port", "0", "--parent-pid", "42", "--Gateway:Port=9090"]);

        Assert.True(options.Fresh);
        Assert.True(options.Isolated);
        Assert.Equal("/tmp/x", options.DataDirectory);
        Assert.Equal(0, options.DashboardPort);
        Assert.Equal(42, options.ParentProcessId);
    }

    [Theory]
    [InlineData("--frsh")]
    [InlineData("--data-dir")]
    public void An_unknown_or_incomplete_option_is_refused_with_the_list_of_options(string option)
    {
        var error = Assert.Throws<ArgumentException>(() => DistributedApplicationOptions.Parse([option]));

        Assert.Contains("--", error.Message);
    }

    [Fact]
    public void Fixed_ports_are_honoured_unless_the_app_runs_isolated()
    {
        static int GatewayPort(bool isolated)
        {
            var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DataDirectory = "/tmp/unused", Isolated = isolated, DashboardPort = -1 });
            builder.AddProject("gateway", "gateway/WebWaka.Gateway.csproj").WithHttpEndpoint(port: 8080);
            var app = builder.Build();
            return new Uri(app.GetEndpoint("gateway")).Port;
        }

        Assert.Equal(8080, GatewayPort(isolated: false));
        Assert.NotEqual(8080, GatewayPort(isolated: true));
    }
}
