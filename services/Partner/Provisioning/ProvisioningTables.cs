using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebWaka.Contracts;
using WebWaka.Messaging;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Provisioning;

/// <summary>The flow's two tables in partnerdb: the accepted requests and where each flow stands.</summary>
public static class ProvisioningTables
{
    extension(PartnerDbContext database)
    {
        public DbSet<ProvisioningRequest> ProvisioningRequests => database.Set<ProvisioningRequest>();

        public DbSet<ClientPlatformState> ClientPlatforms => database.Set<ClientPlatformState>();

        /// <summary>
        /// Accepts a provisioning, in the caller's transaction: the request as it was asked, and its flow, started: in its
        /// first step with that step's command in the outbox. The state machine takes it from there. Answers the id the
        /// client will have, so that the request's audit entry opens the client's own trail.
        /// </summary>
        public Guid AcceptProvisioning(ClientPlatformRequested request, string? idempotencyKey, string requestHash, ProvisioningSettings settings,
            Guid? signupLinkId = null)
        {
            database.ProvisioningRequests.Add(ProvisioningRequest.From(request, idempotencyKey, requestHash, signupLinkId));
            var flow = ClientPlatformState.Start(request, settings.StepDeadlineFrom(request.OccurredAt));
            database.ClientPlatforms.Add(flow);
            database.Publish(new CreateTenant(flow.CorrelationId, flow.TenantId, flow.PartnerId, request.Creator, request.Name, request.Slug));
            return flow.TenantId;
        }
    }
}

internal sealed class ProvisioningRequestTable : IEntityTypeConfiguration<ProvisioningRequest>
{
    public void Configure(EntityTypeBuilder<ProvisioningRequest> request)
    {
        request.ToTable("provisioning_requests");
        request.Property(r => r.Id).HasColumnName("id");
        request.Property(r => r.PartnerId).HasColumnName("partner_id");
        request.Property(r => r.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
        request.Property(r => r.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
        request.Property(r => r.Body).HasColumnName("body").HasColumnType("jsonb");
        request.Property(r => r.CreatedAt).HasColumnName("created_at");
        request.Property(r => r.SignupLinkId).HasColumnName("signup_link_id");
        // Idempotency keys are scoped to the caller's partner.
        request.HasIndex(r => new { r.PartnerId, r.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        // A partner's recent requests, counted against its limits at every new one.
        request.HasIndex(r => new { r.PartnerId, r.CreatedAt });
    }
}

internal sealed class ClientPlatformStateTable : IEntityTypeConfiguration<ClientPlatformState>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ClientPlatformState> state)
    {
        state.ToTable("client_platform_sagas");
        state.HasKey(s => s.CorrelationId);
        state.Property(s => s.CorrelationId).HasColumnName("correlation_id").ValueGeneratedNever();
        state.Property(s => s.CurrentState).HasColumnName("current_state").HasMaxLength(64);
        state.Property(s => s.PartnerId).HasColumnName("partner_id");
        state.Property(s => s.TenantId).HasColumnName("tenant_id");
        state.Property(s => s.InstanceId).HasColumnName("instance_id");
        state.Property(s => s.InvitationId).HasColumnName("invitation_id");
        state.Property(s => s.ClientName).HasColumnName("client_name").HasMaxLength(200);
        state.Property(s => s.InstanceName).HasColumnName("instance_name").HasMaxLength(200);
        state.Property(s => s.Suites).HasColumnName("suites");
        state.Property(s => s.Branding).HasColumnName("branding").HasColumnType("jsonb").HasConversion(
            branding => branding == null ? null : JsonSerializer.Serialize(branding, Json),
            json => json == null ? null : JsonSerializer.Deserialize<Branding>(json, Json));
        state.Property(s => s.Domain).HasColumnName("domain").HasMaxLength(253);
        state.Property(s => s.AdminEmail).HasColumnName("admin_email").HasMaxLength(320);
        state.Property(s => s.AdminName).HasColumnName("admin_name").HasMaxLength(200);
        state.Property(s => s.FailedIn).HasColumnName("failed_in").HasMaxLength(64);
        state.Property(s => s.FailureCode).HasColumnName("failure_code").HasMaxLength(64);
        state.Property(s => s.FailureMessage).HasColumnName("failure_message").HasMaxLength(500);
        state.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        state.Property(s => s.StepDeadline).HasColumnName("step_deadline");
        state.Property(s => s.Version).HasColumnName("version").IsConcurrencyToken();
        state.HasIndex(s => s.TenantId);
        state.HasIndex(s => s.StepDeadline).HasFilter("step_deadline IS NOT NULL");
        // A partner's flows in flight, counted at every provisioning it asks for: the ended ones, nearly all, are left out.
        state.HasIndex(s => s.PartnerId).HasFilter($"current_state <> '{ProvisioningProgress.Completed}' AND current_state <> '{ProvisioningProgress.Failed}'")
            .HasDatabaseName("ix_client_platform_sagas_partner_id_in_flight");
    }
}
