using Microsoft.EntityFrameworkCore;

namespace WebWaka.Partner.Data;

public sealed class PartnerDbContext(DbContextOptions<PartnerDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Partner> Partners => Set<Domain.Partner>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Domain.Partner>(partner =>
        {
            partner.ToTable("partners");
            partner.Property(p => p.Id).HasColumnName("id");
            partner.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
            partner.Property(p => p.Slug).HasColumnName("slug").HasMaxLength(63);
            partner.Property(p => p.ContactEmail).HasColumnName("contact_email").HasMaxLength(320);
            partner.Property(p => p.ListedInDirectory).HasColumnName("listed_in_directory");
            partner.Property(p => p.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32);
            partner.Property(p => p.CreatedAt).HasColumnName("created_at");
            partner.HasIndex(p => p.Slug).IsUnique();
        });
    }
}
