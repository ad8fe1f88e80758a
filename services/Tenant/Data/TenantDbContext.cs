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
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Domain.Tenant>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.Property(t => t.Id).HasColumnName("id");
            tenant.Property(t => t.Name).HasColumnName("name").HasMaxLength(200);
            tenant.Property(t => t.Slug).HasColumnName("slug").HasMaxLength(63);
            // Two changes of one tenant's status at once: the second to save finds it changed and is refused.
            tenant.Property(t => t.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
            tenant.Property(t => t.CreatedByPartnerId).HasColumnName("created_by_partner_id");
            tenant.Property(t => t.CreatedAt).HasColumnName("created_at");
            // A failed provisioning leaves its tenant behind for the record, but frees the slug for another try.
            tenant.HasIndex(t => t.Slug).IsUnique().HasFilter("status <> 'ProvisioningFailed'");
            // A partner's clients newest first, all or of one status, read a page at a time straight off an index.
            tenant.HasIndex(t => new { t.CreatedByPartnerId, t.CreatedAt, t.Id }, "ix_tenants_partner_newest").IsDescending(false, true, false);
            tenant.HasIndex(t => new { t.CreatedByPartnerId, t.Status, t.CreatedAt, t.Id }, "ix_tenants_partner_status_newest")
                .IsDescending(false, false, true, false);
            // A search for any part of a name or slug (ILIKE '%...%') uses trigram indexes, not a scan of every client. Each new
            // client goes into them at once (no fastupdate): a pending list of new entries would be read through by every
            // search until a vacuum merged it (a search over 100,000 fresh clients took 86 ms, not 2.5), and the planner,
            // pricing that in, would scan the whole table instead.
            tenant.HasIndex(t => t.Name, "ix_tenants_name_trigrams").HasMethod("gin").HasOperators("gin_trgm_ops").HasStorageParameter("fastupdate", false);
            tenant.HasIndex(t => t.Slug, "ix_tenants_slug_trigrams").HasMethod("gin").HasOperators("gin_trgm_ops").HasStorageParameter("fastupdate", false);
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
