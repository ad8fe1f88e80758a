using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// Password guessing against one email is stopped by the email, not by the guesser's address: twenty wrong passwords sent
/// around the gateway (where its per-address limit never sees them) lock the account, and then even its right password,
/// through the gateway, is refused. An email no account has locks the same way, so a lock tells nothing.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SignInLockoutTests(DistributedAppFixture system)
{
    [Fact]
    public async Task Twenty_wrong_passwords_from_anywhere_lock_the_account_and_its_right_password_waits()
    {
        var partner = await system.CreatePartnerAsync("Guessed Agency");
        using var around = new HttpClient { BaseAddress = system.App.GetEndpoint("partner-api", "http") };

        var answers = new List<(HttpStatusCode, string?)>();
        for (var guess = 1; guess <= 20; guess++)
        {
            using var response = await around.PostAsJsonAsync("/api/auth/token", new { email = partner.AdminEmail, password = $"guess-{guess}" });
            answers.Add((response.StatusCode, (await response.Content.ReadFromJsonAsync<ProblemBody>())?.Code));
        }

        Assert.Equal(Enumerable.Repeat((HttpStatusCode.Unauthorized, (string?)"INVALID_CREDENTIALS"), 4), answers.Take(4));
        Assert.All(answers.Skip(4), answer => Assert.Equal((HttpStatusCode.TooManyRequests, (string?)"SIGN_IN_LOCKED"), answer));

        using var right = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email = partner.AdminEmail, password = RealPartners.AdminPassword });
        await ProblemAssert.IsProblemAsync(right, HttpStatusCode.TooManyRequests, "SIGN_IN_LOCKED");
        Assert.InRange(int.Parse(Assert.Single(right.Headers.GetValues("Retry-After"))), 1, 60);

        // The tokens the admin already holds are not the guesser's business: they still work.
        Assert.Equal(HttpStatusCode.OK, (await partner.Admin.GetAsync("/api/partner/me")).StatusCode);
    }

    [Fact]
    public async Task An_email_no_account_has_locks_after_as_many_guesses_as_a_real_one()
    {
        var nobody = $"nobody-{Guid.NewGuid():N}@guess.example";
        var codes = new List<string?>();
        for (var guess = 1; guess <= 6; guess++)
        {
            using var response = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email = nobody, password = $"guess-{guess}" });
            codes.Add((await response.Content.ReadFromJsonAsync<ProblemBody>())?.Code);
        }

        Assert.Equal(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "SIGN_IN_LOCKED", "SIGN_IN_LOCKED"], codes);
    }

    private sealed record ProblemBody(string? Code);
}
