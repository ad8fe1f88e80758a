using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace WebWaka.Testing;

/// <summary>Create Client Platform as a partner's program calls it: the request, then its status until it ends.</summary>
public static class ClientPlatforms
{
    /// <summary>
    /// The smallest complete request: a client with one commerce instance, optionally a domain, and an admin to invite
    /// (<see cref="AdminOf"/> the slug unless another is given).
    /// </summary>
    public static object Request(string slug, string? domain = null, string? admin = null) => new
    {
        name = $"Client {slug}",
        slug,
        domain,
        instance = new { name = "Main", suites = new[] { "commerce" } },
        admin = new { email = admin ?? AdminOf(slug), name = "Admin" },
    };

    public static string AdminOf(string slug) => $"{slug}@clients.example";

    /// <summary>Posts the request (202 expected) and answers its status once it is no longer Pending.</summary>
    public static async Task<JsonElement> ProvisionAsync(this HttpClient partner, object body, Action<HttpRequestMessage>? decorate = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/partner/clients") { Content = JsonContent.Create(body) };
        decorate?.Invoke(request);
        using var response = await partner.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var provisioning = response.Headers.Location!;
        return await Eventually.GetAsync(() => partner.GetFromJsonAsync<JsonElement>(provisioning),
            status => status.GetProperty("status").GetString() != "Pending", TimeSpan.FromSeconds(60), "provisioning finished");
    }
}
