using System.Net.Http.Json;
using System.Text.Json;

namespace WebWaka.Testing;

/// <summary>One email maildev caught.</summary>
public sealed record CaughtMail(string Subject, IReadOnlyList<string> To, IReadOnlyList<string> From, string Text, string Html);

/// <summary>The mail catcher's inbox, read through maildev's REST API.</summary>
public sealed class MailInbox(string webUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(webUrl) };

    /// <summary>Every email caught so far that was sent to <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<CaughtMail>> ToAsync(string address)
    {
        var messages = await _http.GetFromJsonAsync<JsonElement>("/api/email");
        return messages.EnumerateArray()
            .Select(m => new CaughtMail(
                m.GetProperty("subject").GetString() ?? "",
                Addresses(m, "to"),
                Addresses(m, "from"),
                m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
                m.TryGetProperty("html", out var html) ? html.GetString() ?? "" : ""))
            .Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    private static IReadOnlyList<string> Addresses(JsonElement message, string field) =>
        message.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => a.GetProperty("address").GetString() ?? "").ToList()
            : [];

    public void Dispose() => _http.Dispose();
}
