using Microsoft.EntityFrameworkCore;

namespace WebWaka.Invitation.Data;

public sealed class InvitationDbContext(DbContextOptions<InvitationDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Invitation> Invitations => Set<Domain.Invitation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Domain.Invitation>(invitation =>
        {
            invitation.ToTable("invitations");
            invitation.Property(i => i.Id).HasColumnName("id");
            invitation.Property(i => i.Email).HasColumnName("email").HasMaxLength(320);
            invitation.Property(i => i.Role).HasColumnName("role").HasMaxLength(32);
            invitation.Property(i => i.TokenHash).HasColumnName("token_hash").HasMaxLength(64);
            invitation.Property(i => i.ExpiresAt).HasColumnName("expires_at");
            invitation.Property(i => i.CreatedAt).HasColumnName("created_at");
            invitation.HasIndex(i => i.TokenHash).IsUnique();
        });
    }
}
