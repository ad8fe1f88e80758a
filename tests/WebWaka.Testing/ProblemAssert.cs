using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace WebWaka.Testing;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem answer with the status and code the README's API conventions name; returns its body.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("code").GetString());
            return problem;
        }
    }
}
