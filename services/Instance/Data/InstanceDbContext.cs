using Microsoft.EntityFrameworkCore;
using WebWaka.Instance.Domain;

namespace WebWaka.Instance.Data;

public sealed class InstanceDbContext(DbContextOptions<InstanceDbContext> options) : DbContext(options)
{
    public DbSet<PlatformInstance> Instances => Set<PlatformInstance>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlatformInstance>(instance =>
        {
            instance.ToTable("instances");
            instance.Property(i => i.Id).HasColumnName("id");
            instance.Property(i => i.TenantId).HasColumnName("tenant_id");
            instance.Property(i => i.PartnerId).HasColumnName("partner_id");
            instance.Property(i => i.Name).HasColumnName("name").HasMaxLength(200);
            instance.Property(i => i.CreatedAt).HasColumnName("created_at");
            instance.HasIndex(i => i.TenantId);
        });
    }
}
