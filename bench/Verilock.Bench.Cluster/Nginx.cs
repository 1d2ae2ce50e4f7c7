using System.Diagnostics;
using System.Globalization;
using Verilock.Bench.Support;

/// <summary>
/// Debian's nginx in the foreground as the load balancer: round robin over the instances, with a failed instance
/// taken out for 5 s and idempotent requests passed to the next one — the settings docs/deploy.md recommends.
/// </summary>
sealed class Nginx : IAsyncDisposable
{
    private readonly Process _process;

    private Nginx(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Nginx> StartAsync(string folder, IReadOnlyList<int> upstreamPorts)
    {
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        var port = ServerProcess.FreePort();
        var servers = string.Concat(upstreamPorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n"));
        var config = $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/logs/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream verilock {
            {{servers}}        keepalive 32;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 25m;
                    # Bodies stay in memory: nginx's workers (user nobody) may not write temp files in the
                    # benchmark's private work folder, and a packaged nginx's temp paths are not ours to use.
                    client_body_buffer_size 25m;
                    proxy_buffering off;
                    location / {
                        proxy_pass http://verilock;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_read_timeout 60s;
                    }
                }
            }
            """;
        var path = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(path, config);
        var process = Process.Start(new ProcessStartInfo("nginx", ["-c", path, "-p", folder]) { RedirectStandardError = true })!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("nginx: " + e.Data); };
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                    return new Nginx(process, port);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException("nginx did not start; see its log in " + folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            Process.Start("kill", ["-QUIT", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
