using Microsoft.EntityFrameworkCore;
using WebWaka.Instance.Domain;
using WebWaka.Messaging;

namespace WebWaka.Instance.Data;

public sealed class InstanceDbContext(DbContextOptions<InstanceDbContext> options) : DbContext(options)
{
    public DbSet<PlatformInstance> Instances => Set<PlatformInstance>();

    public DbSet<CustomDomain> Domains => Set<CustomDomain>();

    public DbSet<KnownClient> Clients => Set<KnownClient>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlatformInstance>(instance =>
        {
            instance.ToTable("instances");
            instance.Property(i => i.Id).HasColumnName("id");
            instance.Property(i => i.TenantId).HasColumnName("tenant_id");
            instance.Property(i => i.PartnerId).HasColumnName("partner_id");
            instance.Property(i => i.Name).HasColumnName("name").HasMaxLength(200);
            instance.Property(i => i.Suites).HasColumnName("suites");
            instance.Property(i => i.DisplayName).HasColumnName("display_name").HasMaxLength(200);
            instance.Property(i => i.LogoUrl).HasColumnName("logo_url").HasMaxLength(2048);
            instance.Property(i => i.PrimaryColor).HasColumnName("primary_color").HasMaxLength(7);
            instance.Property(i => i.AccentColor).HasColumnName("accent_color").HasMaxLength(7);
            instance.Property(i => i.CreatedAt).HasColumnName("created_at");
            instance.Property(i => i.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
            instance.Property(i => i.RequestHash).HasColumnName("request_hash").HasMaxLength(64);
            instance.Ignore(i => i.Branding);
            instance.HasIndex(i => i.TenantId);
            // Idempotency keys are scoped to the caller's partner.
            instance.HasIndex(i => new { i.PartnerId, i.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        });

        modelBuilder.Entity<CustomDomain>(domain =>
        {
            domain.ToTable("domains");
            domain.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
            domain.Property(d => d.Hostname).HasColumnName("hostname").HasMaxLength(253);
            domain.Property(d => d.InstanceId).HasColumnName("instance_id");
            domain.Property(d => d.TenantId).HasColumnName("tenant_id");
            domain.Property(d => d.PartnerId).HasColumnName("partner_id");
            domain.Property(d => d.VerificationToken).HasColumnName("verification_token").HasMaxLength(64);
            domain.Property(d => d.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            domain.Property(d => d.IsPrimary).HasColumnName("is_primary");
            domain.Property(d => d.CreatedAt).HasColumnName("created_at");
            domain.Property(d => d.ExpiresAt).HasColumnName("expires_at");
            domain.Property(d => d.VerifiedAt).HasColumnName("verified_at");
            domain.Property(d => d.LastCheckedAt).HasColumnName("last_checked_at");
            domain.Property(d => d.LastCheckResult).HasColumnName("last_check_result").HasMaxLength(1000);
            domain.Ignore(d => d.ChallengeName);
            // A hostname is mapped once on the whole platform, however many have claimed it.
            domain.HasIndex(d => d.Hostname).IsUnique().HasFilter("status = 'Verified'").HasDatabaseName("ix_domains_verified_hostname");
            domain.HasIndex(d => new { d.InstanceId, d.Hostname }).IsUnique();
            domain.HasIndex(d => d.InstanceId).IsUnique().HasFilter("is_primary").HasDatabaseName("ix_domains_one_primary");
            domain.HasIndex(d => d.Status).HasFilter("status = 'Pending'");
        });

        modelBuilder.AddKnownClients();
        modelBuilder.AddOutbox();
    }
}
