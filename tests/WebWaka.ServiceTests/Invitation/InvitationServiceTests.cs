using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebWaka.Contracts;
using WebWaka.Invitation.Data;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Invitation;

/// <summary>
/// The Invitation service on a real PostgreSQL database, a real RabbitMQ bus and the real mail catcher, with a real
/// HTTP server standing in for partner-api: invitations arrive as messages, leave as emails, and are accepted once.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class InvitationServiceTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private const string GoodPassword = "correct-horse-battery";
    private static readonly TimeSpan Patience = InvitationService.Patience;
    private readonly Guid _partnerId = Guid.NewGuid();
    private readonly MailInbox _inbox = new(infrastructure.MailWebUrl);
    private readonly ConsumedMessages _consumed = new();
    private StandInPartnerApi _partnerApi = null!;
    private WebApplicationFactory<InvitationDbContext> _service = null!;
    private HttpClient _client = null!;
    private string _database = "";

    private IBus Bus => _service.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        _partnerApi = await StandInPartnerApi.StartAsync();
        _database = await infrastructure.CreateDatabaseAsync("invitation");
        _service = await InvitationService.StartAsync(infrastructure, _database, infrastructure.MailConnectionString, _partnerApi.Url, _consumed);
        _client = _service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _partnerApi.DisposeAsync();
        _inbox.Dispose();
    }

    [Fact]
    public async Task A_SendInvitation_on_the_bus_makes_one_invitation_and_one_email_with_its_token()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);

        var mail = Assert.Single(await _inbox.ToAsync(message.Email));
        Assert.Equal("You are invited to administer Ada Stores on WebWaka as tenant admin", mail.Subject);
        Assert.Equal(["no-reply@webwaka.local"], mail.From);
        Assert.Contains($"http://localhost:8080/invitations/{token}", mail.Text);
        Assert.Contains($"http://localhost:8080/invitations/{token}", mail.Html);
        Assert.Contains(token, mail.Text);

        var row = await SingleRowAsync("SELECT email, status, email_sent_at IS NOT NULL, token_hash FROM invitations WHERE id = @id", message.InvitationId);
        Assert.Equal(message.Email.ToLowerInvariant(), row[0]);
        Assert.Equal("Pending", row[1]);
        Assert.Equal(true, row[2]);
        Assert.Equal(Sha256Hex(token), row[3]);
        Assert.Equal(1, await OutboxCountAsync(nameof(InvitationSent), message.InvitationId));
    }

    [Fact]
    public async Task The_token_is_stored_only_as_its_hash()
    {
        var (_, token) = await InviteAsync(Roles.PartnerAdmin);

        await using var connection = await OpenAsync();
        foreach (var table in new[] { "invitations", "outbox_messages" })
        {
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE row_to_json(t)::text LIKE '%' || @token || '%'", connection);
            search.Parameters.AddWithValue("token", token);
            Assert.Equal(0L, await search.ExecuteScalarAsync());
        }

        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM invitations WHERE token_hash = @hash", ("hash", Sha256Hex(token))));
    }

    [Fact]
    public async Task A_second_delivery_of_the_same_message_sends_nothing_new()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);

        await Bus.Publish(message);
        await DeliveriesHandledAsync(message, 2);

        Assert.Single(await _inbox.ToAsync(message.Email));
        Assert.Equal(Sha256Hex(token), await ScalarAsync("SELECT token_hash FROM invitations WHERE id = @id", ("id", message.InvitationId)));
        Assert.Equal(1, await OutboxCountAsync(nameof(InvitationSent), message.InvitationId));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/invitations/{token}")).StatusCode);
    }

    [Fact]
    public async Task A_redelivery_after_the_email_failed_sends_a_new_token_and_the_first_one_opens_nothing()
    {
        var (message, first) = await InviteAsync(Roles.TenantAdmin);
        // As the consumer leaves it when the mail server refused the email: saved, but neither sent nor announced.
        await ExecuteAsync("UPDATE invitations SET email_sent_at = NULL WHERE id = @id", ("id", message.InvitationId));
        await ExecuteAsync("DELETE FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.InvitationSent,%' AND body->>'invitationId' = @id",
            ("id", message.InvitationId.ToString()));

        await Bus.Publish(message);
        await DeliveriesHandledAsync(message, 2);
        var mails = await Eventually.GetAsync(() => _inbox.ToAsync(message.Email), m => m.Count == 2, Patience, "the second email");

        var second = TokenIn(mails.Single(m => !m.Text.Contains(first)));
        Assert.NotEqual(first, second);
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/invitations/{first}"), HttpStatusCode.NotFound, "INVITATION_NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/invitations/{second}")).StatusCode);
        Assert.Equal(1, await OutboxCountAsync(nameof(InvitationSent), message.InvitationId));
    }

    [Fact]
    public async Task The_token_tells_what_the_invitation_is_for()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);

        using var response = await _client.GetAsync($"/api/invitations/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invitation = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message.Email.ToLowerInvariant(), invitation.GetProperty("email").GetString());
        Assert.Equal("Ada Obi", invitation.GetProperty("name").GetString());
        Assert.Equal(Roles.TenantAdmin, invitation.GetProperty("role").GetString());
        Assert.Equal(_partnerId, invitation.GetProperty("partnerId").GetGuid());
        Assert.Equal(message.TenantId, invitation.GetProperty("tenantId").GetGuid());
        Assert.Equal("Ada Stores", invitation.GetProperty("organisationName").GetString());
        var expiresIn = invitation.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Accepting_creates_the_account_in_the_partner_service_and_the_token_is_then_used()
    {
        var (message, token) = await InviteAsync(Roles.PartnerAdmin);

        using var accepted = await AcceptAsync(token, new { name = " Ada Obi ", password = GoodPassword });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var answer = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message.Email.ToLowerInvariant(), answer.GetProperty("email").GetString());
        Assert.Equal(Roles.PartnerAdmin, answer.GetProperty("role").GetString());
        Assert.Equal(_partnerId, answer.GetProperty("partnerId").GetGuid());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("tenantId").ValueKind);

        var sent = Assert.Single(_partnerApi.Requests, r => r.GetProperty("email").GetString() == message.Email.ToLowerInvariant());
        Assert.Equal("Ada Obi", sent.GetProperty("name").GetString());
        Assert.Equal(GoodPassword, sent.GetProperty("password").GetString());
        Assert.Equal(Roles.PartnerAdmin, sent.GetProperty("role").GetString());
        Assert.Equal(_partnerId, sent.GetProperty("partnerId").GetGuid());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("tenantId").ValueKind);

        Assert.Equal("Accepted", await ScalarAsync("SELECT status FROM invitations WHERE id = @id", ("id", message.InvitationId)));
        var acceptedEvent = await ScalarAsync(
            "SELECT body->>'userId' FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.InvitationAccepted,%' AND body->>'invitationId' = @id",
            ("id", message.InvitationId.ToString()));
        Assert.Equal(_partnerApi.AccountOf(message.Email)?.ToString(), acceptedEvent);

        await ProblemAssert.IsProblemAsync(await AcceptAsync(token, new { name = "Ada Obi", password = GoodPassword }), HttpStatusCode.Conflict, "INVITATION_ALREADY_USED");
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/invitations/{token}"), HttpStatusCode.Conflict, "INVITATION_ALREADY_USED");
        Assert.Single(_partnerApi.Requests, r => r.GetProperty("email").GetString() == message.Email.ToLowerInvariant());
    }

    [Fact]
    public async Task Two_accepts_at_once_cannot_both_win()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);
        _partnerApi.Delay = TimeSpan.FromMilliseconds(500);

        var answers = await Task.WhenAll(
            AcceptAsync(token, new { name = "Ada Obi", password = GoodPassword }),
            AcceptAsync(token, new { name = "Ada Obi", password = GoodPassword }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        await ProblemAssert.IsProblemAsync(answers.Single(a => a.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict, "INVITATION_ALREADY_USED");
        Assert.Single(_partnerApi.Requests, r => r.GetProperty("email").GetString() == message.Email.ToLowerInvariant());
    }

    [Fact]
    public async Task An_email_that_has_an_account_is_409_ACCOUNT_EXISTS_and_the_invitation_stays_pending()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);
        _partnerApi.AddExistingAccount(message.Email);

        await ProblemAssert.IsProblemAsync(await AcceptAsync(token, new { name = "Ada Obi", password = GoodPassword }), HttpStatusCode.Conflict, "ACCOUNT_EXISTS");

        Assert.Equal("Pending", await ScalarAsync("SELECT status FROM invitations WHERE id = @id", ("id", message.InvitationId)));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/invitations/{token}")).StatusCode);
        Assert.Equal(0, await OutboxCountAsync(nameof(InvitationAccepted), message.InvitationId));
    }

    [Fact]
    public async Task An_expired_invitation_is_410_INVITATION_EXPIRED()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);
        await ExecuteAsync("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = @id", ("id", message.InvitationId));

        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/invitations/{token}"), HttpStatusCode.Gone, "INVITATION_EXPIRED");
        await ProblemAssert.IsProblemAsync(await AcceptAsync(token, new { name = "Ada Obi", password = GoodPassword }), HttpStatusCode.Gone, "INVITATION_EXPIRED");
        Assert.DoesNotContain(_partnerApi.Requests, r => r.GetProperty("email").GetString() == message.Email.ToLowerInvariant());
    }

    [Fact]
    public async Task A_revoked_invitation_is_410_INVITATION_REVOKED_and_revoking_again_changes_nothing()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);

        await Bus.Publish(new RevokeInvitation(message.InvitationId, message.ProvisioningId));
        await Bus.Publish(new RevokeInvitation(message.InvitationId, message.ProvisioningId));
        await Eventually.GetAsync(() => Task.FromResult(_consumed.Count<RevokeInvitation>(m => m.InvitationId == message.InvitationId)),
            count => count == 2, Patience, "both revocations handled");

        Assert.Equal("Revoked", await ScalarAsync("SELECT status FROM invitations WHERE id = @id", ("id", message.InvitationId)));
        Assert.Equal(1, await OutboxCountAsync(nameof(InvitationRevoked), message.InvitationId));
        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/invitations/{token}"), HttpStatusCode.Gone, "INVITATION_REVOKED");
        await ProblemAssert.IsProblemAsync(await AcceptAsync(token, new { name = "Ada Obi", password = GoodPassword }), HttpStatusCode.Gone, "INVITATION_REVOKED");
    }

    [Fact]
    public async Task A_revocation_that_arrives_before_its_invitation_keeps_it_from_being_made_or_emailed()
    {
        var message = new SendInvitation(Guid.NewGuid(), $"late.{Guid.NewGuid():N}@example.com", "Ada Obi", Roles.TenantAdmin, _partnerId, Guid.NewGuid(),
            Guid.NewGuid(), "Ada Stores");

        // The flow gave up on the step; its SendInvitation was still queued.
        await Bus.Publish(new RevokeInvitation(message.InvitationId, message.ProvisioningId));
        await Eventually.GetAsync(() => Task.FromResult(_consumed.Count<RevokeInvitation>(m => m.InvitationId == message.InvitationId)),
            count => count == 1, Patience, "the early revocation handled");
        await Bus.Publish(message);
        await DeliveriesHandledAsync(message, 1);

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM invitations WHERE id = @id", ("id", message.InvitationId)));
        Assert.Equal(0, await OutboxCountAsync(nameof(InvitationSent), message.InvitationId));
        Assert.Empty(await _inbox.ToAsync(message.Email));
    }

    [Fact]
    public async Task An_unknown_token_is_404_INVITATION_NOT_FOUND()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/api/invitations/{token}"), HttpStatusCode.NotFound, "INVITATION_NOT_FOUND");
        await ProblemAssert.IsProblemAsync(await AcceptAsync(token, new { name = "Ada Obi", password = GoodPassword }), HttpStatusCode.NotFound, "INVITATION_NOT_FOUND");
    }

    [Fact]
    public async Task A_bad_accept_body_is_400_VALIDATION_FAILED_and_leaves_the_invitation_usable()
    {
        var (message, token) = await InviteAsync(Roles.TenantAdmin);
        var bodies = new (object Body, string Field)[]
        {
            (new { name = "Ada Obi", password = "too-short" }, "password"),
            (new { name = "Ada Obi", password = new string('p', 201) }, "password"),
            (new { name = "Ada Obi" }, "password"),
            (new { name = "  ", password = GoodPassword }, "name"),
            (new { password = GoodPassword }, "name"),
            (new { }, "name"),
        };

        foreach (var (body, field) in bodies)
        {
            var problem = await ProblemAssert.IsProblemAsync(await AcceptAsync(token, body), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field} in {problem}");
        }

        Assert.DoesNotContain(_partnerApi.Requests, r => r.GetProperty("email").GetString() == message.Email.ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/invitations/{token}")).StatusCode);
    }

    [Theory]
    [InlineData("{ \"name\": \"Ada\", ")]
    [InlineData("not json at all")]
    [InlineData("{ \"name\": 5, \"password\": [] }")]
    public async Task A_malformed_accept_body_is_400_MALFORMED_REQUEST(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        await ProblemAssert.IsProblemAsync(await _client.PostAsync("/api/invitations/some-token/accept", content), HttpStatusCode.BadRequest, "MALFORMED_REQUEST");
    }

    [Fact]
    public async Task The_internal_list_shows_the_tenant_service_a_tenants_invitations_and_no_others_and_nobody_else_anything()
    {
        var tenantId = Guid.NewGuid();
        var (first, _) = await InviteAsync(Roles.TenantAdmin, tenantId);
        var (second, _) = await InviteAsync(Roles.TenantAdmin, tenantId);
        await InviteAsync(Roles.TenantAdmin);

        var path = $"/internal/tenants/{tenantId}/invitations";
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync(path)).StatusCode);
        using var asTenantService = new HttpRequestMessage(HttpMethod.Get, path);
        asTenantService.Headers.Authorization = new("Bearer", new TestTokens(InvitationService.TenantServiceKey).MintService("tenant-api", "invitation-api"));
        using var answer = await _client.SendAsync(asTenantService);
        var list = await answer.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal([second.InvitationId, first.InvitationId], list.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var newest = list[0];
        Assert.Equal(second.Email.ToLowerInvariant(), newest.GetProperty("email").GetString());
        Assert.Equal("Ada Obi", newest.GetProperty("name").GetString());
        Assert.Equal(Roles.TenantAdmin, newest.GetProperty("role").GetString());
        Assert.Equal("Pending", newest.GetProperty("status").GetString());
        Assert.True(newest.GetProperty("expiresAt").GetDateTimeOffset() > newest.GetProperty("createdAt").GetDateTimeOffset());
    }

    /// <summary>
    /// Publishes a SendInvitation, as the Partner service does, and waits until it is handled (the email sent and
    /// recorded as sent) and its email caught; answers the token in it.
    /// </summary>
    private async Task<(SendInvitation Message, string Token)> InviteAsync(string role, Guid? tenantId = null)
    {
        var message = new SendInvitation(Guid.NewGuid(), $"Ada.{Guid.NewGuid():N}@Example.com", "Ada Obi", role, _partnerId,
            role == Roles.TenantAdmin ? tenantId ?? Guid.NewGuid() : null, Guid.NewGuid(), "Ada Stores");
        await Bus.Publish(message);
        await DeliveriesHandledAsync(message, 1);
        var mails = await Eventually.GetAsync(() => _inbox.ToAsync(message.Email), m => m.Count > 0, Patience, $"an email to {message.Email}");
        return (message, TokenIn(mails[0]));
    }

    private Task<int> DeliveriesHandledAsync(SendInvitation message, int count) => Eventually.GetAsync(
        () => Task.FromResult(_consumed.Count<SendInvitation>(m => m.InvitationId == message.InvitationId)),
        handled => handled == count, Patience, $"{count} deliveries of {message.InvitationId} handled");

    private Task<HttpResponseMessage> AcceptAsync(string token, object body) => _client.PostAsJsonAsync($"/api/invitations/{token}/accept", body);

    private static string TokenIn(CaughtMail mail) => AcceptLink().Match(mail.Text) is { Success: true } match
        ? match.Groups["token"].Value
        : throw new InvalidOperationException($"No accept link in: {mail.Text}");

    [GeneratedRegex(@"/invitations/(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex AcceptLink();

    private static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<object[]> SingleRowAsync(string sql, Guid id)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, ("id", id));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var row = new object[reader.FieldCount];
        reader.GetValues(row);
        Assert.False(await reader.ReadAsync());
        return row;
    }

    private async Task<long> OutboxCountAsync(string messageType, Guid invitationId) => (long)(await ScalarAsync(
        "SELECT count(*) FROM outbox_messages WHERE message_type LIKE @type AND body->>'invitationId' = @id",
        ("type", $"WebWaka.Contracts.{messageType},%"), ("id", invitationId.ToString())))!;

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
