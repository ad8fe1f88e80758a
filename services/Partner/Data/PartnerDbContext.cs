using Microsoft.EntityFrameworkCore;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Data;

public sealed class PartnerDbContext(DbContextOptions<PartnerDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Partner> Partners => Set<Domain.Partner>();

    public DbSet<UserAccount> Users => Set<UserAccount>();

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

        modelBuilder.Entity<UserAccount>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Email).HasColumnName("email").HasMaxLength(320);
            user.Property(u => u.Name).HasColumnName("name").HasMaxLength(200);
            user.Property(u => u.PasswordHash).HasColumnName("password_hash").HasMaxLength(200);
            user.Property(u => u.Role).HasColumnName("role").HasMaxLength(32);
            user.Property(u => u.PartnerId).HasColumnName("partner_id");
            user.Property(u => u.TenantId).HasColumnName("tenant_id");
            user.Property(u => u.CreatedAt).HasColumnName("created_at");
            user.HasIndex(u => u.Email).IsUnique();
            user.HasIndex(u => u.PartnerId);
        });

        modelBuilder.AddOutbox();
    }
}
