using Microsoft.EntityFrameworkCore;
using WebWaka.Messaging;
using WebWaka.Tenant.Domain;

namespace WebWaka.Tenant.Data;

public sealed class TenantDbContext(DbContextOptions<TenantDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Tenant> Tenants => Set<Domain.Tenant>();

    public DbSet<KnownPartner> Partners => Set<KnownPartner>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Domain.Tenant>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.Property(t => t.Id).HasColumnName("id");
            tenant.Property(t => t.Name).HasColumnName("name").HasMaxLength(200);
            tenant.Property(t => t.Slug).HasColumnName("slug").HasMaxLength(63);
            tenant.Property(t => t.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32);
            tenant.Property(t => t.CreatedByPartnerId).HasColumnName("created_by_partner_id");
            tenant.Property(t => t.CreatedAt).HasColumnName("created_at");
            // A failed provisioning leaves its tenant behind for the record, but frees the slug for another try.
            tenant.HasIndex(t => t.Slug).IsUnique().HasFilter("status <> 'ProvisioningFailed'");
            tenant.HasIndex(t => t.CreatedByPartnerId);
        });

        modelBuilder.Entity<KnownPartner>(partner =>
        {
            partner.ToTable("known_partners");
            partner.Property(p => p.Id).HasColumnName("id");
            partner.Property(p => p.Status).HasColumnName("status").HasMaxLength(32);
            partner.Property(p => p.AsOf).HasColumnName("as_of");
        });

        modelBuilder.AddOutbox();
    }
}
