using System.Net;
using System.Net.Sockets;
using DnsClient;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Npgsql;
using RabbitMQ.Client;

namespace WebWaka.AppHost.Tests;

/// <summary>
/// PostgreSQL, RabbitMQ (with its port mapper) and the mail catcher as Aspire resources run from this machine's
/// binaries: up, healthy, usable; gone when stopped, nothing left behind; started again on the data they left.
/// </summary>
public sealed class LocalServerTests : IDisposable
{
    private static readonly string[] Servers = ["postgres", "rabbitmq", "rabbitmq-epmd", "mail"];
    private readonly ScratchFolder _scratch = new();

    private Task<LocalServers> StartAsync() => StartAsync(servers =>
    {
        servers.Builder.AddPostgres("postgres", servers.Data).AddDatabase("ordersdb");
        servers.Builder.AddRabbitMQ("rabbitmq", servers.Data);
        servers.Builder.AddMailDev("mail", servers.Data);
    });

    /// <summary>The resources <paramref name="add"/> adds, on this test's data folder, started and healthy.</summary>
    private Task<LocalServers> StartAsync(Action<LocalServers> add)
    {
        var servers = LocalServers.Create(_scratch.Path);
        add(servers);
        return servers.StartAsync();
    }

    [Fact]
    public async Task The_DNS_server_answers_from_its_records_file_and_again_each_time_the_file_changes()
    {
        await using var running = await StartAsync(servers => servers.Builder.AddDnsServer("dns", servers.Data));
        var endpoint = running.App.GetEndpoint("dns", "dns");
        var dns = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, endpoint.Port)) { UseCache = false, ThrowDnsErrors = false });
        var records = Path.Combine(running.Data.FolderOf("dns"), "records.conf");

        async Task<List<string>> TxtAsync(string name)
        {
            try
            {
                return (await dns.QueryAsync(name, QueryType.TXT)).Answers.TxtRecords().SelectMany(r => r.Text).Order().ToList();
            }
            catch (DnsResponseException)
            {
                return ["(no answer)"];
            }
        }

        Assert.Empty(await TxtAsync("_webwaka-challenge.shop.example"));
        await File.AppendAllTextAsync(records, "txt-record=_webwaka-challenge.shop.example,\"first\"\ntxt-record=_webwaka-challenge.shop.example,\"second\"\n");
        await Eventually.GetAsync(() => TxtAsync("_webwaka-challenge.shop.example"), found => found.SequenceEqual(["first", "second"]),
            TimeSpan.FromSeconds(20), "both records answered after the file changed");
        await File.WriteAllTextAsync(records, "");
        await Eventually.GetAsync(() => TxtAsync("_webwaka-challenge.shop.example"), found => found.Count == 0,
            TimeSpan.FromSeconds(20), "no record once the file is emptied");
    }

    [Fact]
    public async Task Servers_start_serve_stop_without_a_trace_and_start_again_on_the_data_they_left()
    {
        var first = await StartAsync();
        await using (first)
        {
            await using (var connection = new NpgsqlConnection(await first.ConnectionStringAsync("ordersdb")))
            {
                await connection.OpenAsync();
                await new NpgsqlCommand("CREATE TABLE orders (id int); INSERT INTO orders VALUES (42)", connection).ExecuteNonQueryAsync();
            }

            var broker = new ConnectionFactory { Uri = new Uri(await first.ConnectionStringAsync("rabbitmq")) };
            await using (var amqp = await broker.CreateConnectionAsync())
            {
                Assert.True(amqp.IsOpen);
            }

            using (var inbox = new HttpClient())
            {
                Assert.True((await inbox.GetAsync(new Uri(first.App.GetEndpoint("mail", "http"), "/api/email"))).IsSuccessStatusCode);
            }

            var ports = new[] { first.App.GetEndpoint("postgres", "tcp"), first.App.GetEndpoint("rabbitmq", "amqp"), first.App.GetEndpoint("rabbitmq-epmd", "tcp") }
                .Select(endpoint => endpoint.Port).ToList();
            var pids = Servers.Select(name => first.Snapshot(name).ProcessId() ?? throw new InvalidOperationException($"{name} has no process")).ToList();
            var processes = Processes.Descendants(pids);
            Assert.Contains(processes, p => p.CommandLine.Contains("/usr/lib/postgresql/15/bin/postgres"));
            Assert.Contains(processes, p => p.CommandLine.Contains("beam.smp"));

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await first.App.StopAsync();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {clock.Elapsed}");
            await Eventually.GetAsync(() => Task.FromResult(processes.Where(p => Processes.IsAlive(p.Pid)).ToList()),
                alive => alive.Count == 0, TimeSpan.FromSeconds(10), "every server process ended");
            Assert.All(ports, port => Assert.False(IsListening(port), $"port {port} still listens"));
            // A fast shutdown, not a kill: the next start finds a cleanly closed database, nothing to recover.
            Assert.Contains("shut down", await PostgresControlStateAsync());
        }

        await using var second = await StartAsync();
        await using var reconnected = new NpgsqlConnection(await second.ConnectionStringAsync("ordersdb"));
        await reconnected.OpenAsync();
        Assert.Equal(42, await new NpgsqlCommand("SELECT id FROM orders", reconnected).ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_database_is_ready_only_once_its_server_created_it_and_its_dependants_wait_for_it()
    {
        var servers = LocalServers.Create(_scratch.Path);
        var database = servers.Builder.AddPostgres("postgres", servers.Data).AddDatabase("ordersdb");
        var marker = Path.Combine(_scratch.Path, "api-started");
        servers.Builder.AddExecutable("api", "bash", _scratch.Path, "-c", $"date +%s.%N > {marker}.tmp && mv {marker}.tmp {marker}; exec sleep 600").WaitFor(database);
        await using var app = await servers.StartAsync();

        var databaseReady = app.Snapshot("ordersdb").Snapshot.StartTimeStamp!.Value;
        var started = await Eventually.GetAsync(() => Task.FromResult(File.Exists(marker) ? File.ReadAllText(marker).Trim() : ""),
            text => text.Length > 0, TimeSpan.FromSeconds(10), "the api's start written down");
        var apiStarted = DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(started) * 1000)).UtcDateTime;
        Assert.True(apiStarted >= databaseReady.AddMilliseconds(-50), $"api started at {apiStarted:O}, before ordersdb was ready at {databaseReady:O}");
        await using var connection = new NpgsqlConnection(await app.ConnectionStringAsync("ordersdb"));
        await connection.OpenAsync();
        Assert.Equal("ordersdb", connection.Database);
    }

    [Fact]
    public async Task The_mail_catcher_keeps_taking_email_when_senders_vanish_in_the_middle_of_one()
    {
        await using var running = await StartAsync(servers => servers.Builder.AddMailDev("mail", servers.Data));
        var smtp = running.App.GetEndpoint("mail", "smtp");
        var node = running.Snapshot("mail").ProcessId()!.Value;

        // A sender killed, or cancelled, at each point of a message: the connection is reset, not closed politely.
        string[] message = ["EHLO sender\r\n", "MAIL FROM:<noreply@webwaka.test>\r\n", "RCPT TO:<admin@clients.example>\r\n", "DATA\r\n",
            "Subject: cut short\r\n\r\n" + new string('x', 20_000) + "\r\n", ".\r\n"];
        for (var round = 0; round < 5; round++)
        {
            for (var cut = 1; cut <= message.Length; cut++)
            {
                using var sender = new TcpClient();
                await sender.ConnectAsync(IPAddress.Loopback, smtp.Port);
                var stream = sender.GetStream();
                foreach (var line in message.Take(cut))
                {
                    await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(line));
                }

                sender.Client.LingerState = new LingerOption(true, 0);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(Processes.IsAlive(node), "the mail catcher died");
        await SendAsync(smtp.Port, "after the cut ones");
        using var inbox = new MailInbox(running.App.GetEndpoint("mail", "http").ToString());
        await Eventually.GetAsync(() => inbox.ToAsync("admin@clients.example"), mails => mails.Any(m => m.Subject == "after the cut ones"),
            TimeSpan.FromSeconds(10), "the whole email caught");
        Assert.True(Processes.IsAlive(node), "the mail catcher died");
    }

    /// <summary>A whole email, sent as the Invitation service sends one (MailKit).</summary>
    private static async Task SendAsync(int port, string subject)
    {
        using var sender = new SmtpClient();
        await sender.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await sender.SendAsync(new MimeMessage([MailboxAddress.Parse("noreply@webwaka.test")], [MailboxAddress.Parse("admin@clients.example")], subject,
            new TextPart("plain") { Text = "hello" }));
        await sender.DisconnectAsync(quit: true);
    }

    private async Task<string> PostgresControlStateAsync()
    {
        var output = new System.Text.StringBuilder();
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "/usr/lib/postgresql/15/bin/pg_controldata", [Path.Combine(_scratch.Path, "postgres", "pgdata")]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Split('\n').Single(line => line.StartsWith("Database cluster state:"));
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _scratch.Dispose();
}
