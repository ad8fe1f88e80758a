using System.Diagnostics;
using System.Net.Sockets;
using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>
/// nginx from Debian as a plain reverse proxy in front of one upstream: the yardstick for the gateway. Its own
/// configuration in a temporary folder, in the foreground as the bench's child, on a free loopback port.
/// </summary>
internal sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private Nginx(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<Nginx> StartAsync(Uri upstream)
    {
        var folder = TestFolders.Create("webwaka-bench-nginx-");
        var port = FreePort.Next();
        // One worker, as asked of it; keepalive to the upstream (HTTP/1.1, no Connection header passed on), as YARP
        // keeps its connections; no access log, as the gateway writes none per request.
        var configuration = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configuration, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream partner_api {
                    server {{upstream.Host}}:{{upstream.Port}};
                    keepalive 256;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://partner_api;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                    }
                }
            }
            """);

        var program = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = Child.Start(program, ["-c", configuration, "-p", folder, "-e", Path.Combine(folder, "error.log")]);
        var nginx = new Nginx(process, folder, new Uri($"http://127.0.0.1:{port}"));
        var clock = Stopwatch.StartNew();
        while (!await ListensAsync(port))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                var said = await process.StandardError.ReadToEndAsync();
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                await nginx.DisposeAsync();
                throw new InvalidOperationException($"nginx did not listen on port {port}: {said} {log}");
            }

            await Task.Delay(100);
        }

        return nginx;
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Ends the master and its worker (this process's child and grandchild), and removes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
