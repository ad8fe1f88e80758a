using Microsoft.EntityFrameworkCore;

namespace WebWaka.Tenant.Data;

public sealed class TenantDbContext(DbContextOptions<TenantDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Tenant> Tenants => Set<Domain.Tenant>();

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
            tenant.HasIndex(t => t.Slug).IsUnique();
        });
    }
}
