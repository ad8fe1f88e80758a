using System.Net;
using WebWaka.Gateway;

namespace WebWaka.UnitTests;

public sealed class ClientAddressesTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void An_IPv6_client_is_its_64_and_an_IPv4_one_its_address(string address, string client)
    {
        Assert.Equal(client, ClientAddresses.Of(IPAddress.Parse(address)));
    }

    [Fact]
    public void No_trusted_proxy_means_X_Forwarded_For_is_never_read()
    {
        Assert.Null(ClientAddresses.ForwardedFor(null));
        Assert.Null(ClientAddresses.ForwardedFor(" "));
    }

    [Fact]
    public void Only_the_named_proxies_are_trusted_not_loopback_by_default()
    {
        var options = ClientAddresses.ForwardedFor("10.0.0.0/8, 192.0.2.10, 2001:db8::1")!;

        Assert.Empty(options.KnownProxies);
        Assert.Equal(["10.0.0.0/8", "192.0.2.10/32", "2001:db8::1/128"], options.KnownIPNetworks.Select(n => n.ToString()));
        Assert.Equal(1, options.ForwardLimit);
    }
}
