using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.ApiKeys;

/// <summary>The partners' API keys in partnerdb: hashes only, never a secret.</summary>
public static class ApiKeyTable
{
    extension(PartnerDbContext database)
    {
        public DbSet<ApiKey> ApiKeys => database.Set<ApiKey>();
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys");
        key.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
        key.Property(k => k.PartnerId).HasColumnName("partner_id");
        key.Property(k => k.Name).HasColumnName("name").HasMaxLength(100);
        key.Property(k => k.SecretHash).HasColumnName("secret_hash");
        key.Property(k => k.CreatedBy).HasColumnName("created_by");
        key.Property(k => k.CreatedAt).HasColumnName("created_at");
        key.Property(k => k.ExpiresAt).HasColumnName("expires_at");
        key.Property(k => k.LastUsedAt).HasColumnName("last_used_at");
        key.Property(k => k.RevokedAt).HasColumnName("revoked_at");
        key.HasIndex(k => new { k.PartnerId, k.CreatedAt });
    }
}
