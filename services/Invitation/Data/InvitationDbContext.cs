using Microsoft.EntityFrameworkCore;
using WebWaka.Messaging;

namespace WebWaka.Invitation.Data;

public sealed class InvitationDbContext(DbContextOptions<InvitationDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Invitation> Invitations => Set<Domain.Invitation>();

    public DbSet<KnownClient> Clients => Set<KnownClient>();

    public DbSet<Domain.EarlyRevocation> EarlyRevocations => Set<Domain.EarlyRevocation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Domain.EarlyRevocation>(revocation =>
        {
            revocation.ToTable("early_revocations");
            revocation.HasKey(r => r.InvitationId);
            revocation.Property(r => r.InvitationId).HasColumnName("invitation_id").ValueGeneratedNever();
            revocation.Property(r => r.RevokedAt).HasColumnName("revoked_at");
        });

        modelBuilder.Entity<Domain.Invitation>(invitation =>
        {
            invitation.ToTable("invitations");
            // The id comes from the SendInvitation message: never generated here.
            invitation.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
            invitation.Property(i => i.Email).HasColumnName("email").HasMaxLength(320);
            invitation.Property(i => i.Name).HasColumnName("name").HasMaxLength(200);
            invitation.Property(i => i.Role).HasColumnName("role").HasMaxLength(32);
            invitation.Property(i => i.PartnerId).HasColumnName("partner_id");
            invitation.Property(i => i.TenantId).HasColumnName("tenant_id");
            invitation.Property(i => i.ProvisioningId).HasColumnName("provisioning_id");
            invitation.Property(i => i.OrganisationName).HasColumnName("organisation_name").HasMaxLength(200);
            invitation.Property(i => i.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
            invitation.Property(i => i.ExpiresAt).HasColumnName("expires_at");
            // A concurrency token: a change made from a status that another writer has meanwhile changed
            // (a revoke racing an accept) fails instead of overwriting it.
            invitation.Property(i => i.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
            invitation.Property(i => i.EmailSentAt).HasColumnName("email_sent_at");
            invitation.Property(i => i.AcceptedAt).HasColumnName("accepted_at");
            invitation.Property(i => i.CreatedAt).HasColumnName("created_at");
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => i.TenantId);
            invitation.HasIndex(i => i.PartnerId);
            invitation.Property(i => i.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
            invitation.Property(i => i.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            // Idempotency keys are scoped to the caller's partner.
            invitation.HasIndex(i => new { i.PartnerId, i.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        });

        modelBuilder.AddKnownClients();
        modelBuilder.AddOutbox();
    }
}
