using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace WebWaka.Gateway;

/// <summary>
/// Who a client is to the per-address limits: its IPv4 address, or its IPv6 /64 (one subscriber's network, where every
/// device, or one guesser, can take a new address at will). Behind a load balancer, the address the proxy says it
/// forwarded for, but only from the proxies named in <c>Gateway:TrustedProxies</c> (addresses or CIDR networks,
/// comma-separated); without it, and from anyone else, <c>X-Forwarded-For</c> is ignored.
/// </summary>
public static class ClientAddresses
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var network = address.GetAddressBytes();
        Array.Clear(network, 8, 8);
        return $"{new IPAddress(network)}/64";
    }

    /// <summary>The forwarded-for rule for <paramref name="trustedProxies"/>, or null (no proxy trusted: the header is ignored).</summary>
    public static ForwardedHeadersOptions? ForwardedFor(string? trustedProxies)
    {
        var proxies = (trustedProxies ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (proxies.Length == 0)
        {
            return null;
        }

        // Only the last hop, and only from the proxies named: ASP.NET Core otherwise trusts loopback by default.
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownIPNetworks.Add(proxy.Contains('/') ? IPNetwork.Parse(proxy) : new IPNetwork(IPAddress.Parse(proxy),
                IPAddress.Parse(proxy).AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
        }

        return options;
    }

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (ForwardedFor(app.Configuration["Gateway:TrustedProxies"]) is { } options)
        {
            app.UseForwardedHeaders(options);
        }

        return app;
    }
}
