using Microsoft.EntityFrameworkCore;
using WebWaka.Instance.Domain;
using WebWaka.Messaging;

namespace WebWaka.Instance.Data;

public sealed class InstanceDbContext(DbContextOptions<InstanceDbContext> options) : DbContext(options)
{
    public DbSet<PlatformInstance> Instances => Set<PlatformInstance>();

    public DbSet<DomainMapping> Domains => Set<DomainMapping>();

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
            instance.HasIndex(i => i.TenantId);
        });

        modelBuilder.Entity<DomainMapping>(domain =>
        {
            domain.ToTable("domains");
            domain.HasKey(d => d.Hostname);
            domain.Property(d => d.Hostname).HasColumnName("hostname").HasMaxLength(253);
            domain.Property(d => d.InstanceId).HasColumnName("instance_id");
            domain.Property(d => d.TenantId).HasColumnName("tenant_id");
            domain.Property(d => d.PartnerId).HasColumnName("partner_id");
            domain.Property(d => d.VerificationToken).HasColumnName("verification_token").HasMaxLength(64);
            domain.Property(d => d.CreatedAt).HasColumnName("created_at");
            domain.HasIndex(d => d.InstanceId);
        });

        modelBuilder.AddOutbox();
    }
}
