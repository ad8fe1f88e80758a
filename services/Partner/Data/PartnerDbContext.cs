using Microsoft.EntityFrameworkCore;
using WebWaka.Messaging;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Data;

public sealed class PartnerDbContext(DbContextOptions<PartnerDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Partner> Partners => Set<Domain.Partner>();

    public DbSet<UserAccount> Users => Set<UserAccount>();

    public DbSet<AuditEntry> AuditTrail => Set<AuditEntry>();

    public DbSet<UserRevocation> Revocations => Set<UserRevocation>();

    public DbSet<SignInLockout> SignInLockouts => Set<SignInLockout>();

    public DbSet<SignupLink> SignupLinks => Set<SignupLink>();

    public DbSet<SignInSession> Sessions => Set<SignInSession>();

    public DbSet<PartnerApplication> Applications => Set<PartnerApplication>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // A feature folder with tables of its own maps them itself (Provisioning/ProvisioningTables.cs).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PartnerDbContext).Assembly);
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
            partner.Property(p => p.Description).HasColumnName("description").HasMaxLength(2000);
            partner.Property(p => p.Website).HasColumnName("website").HasMaxLength(2048);
            partner.Property(p => p.Regions).HasColumnName("regions");
            partner.Property(p => p.SuitesDelivered).HasColumnName("suites_delivered");
            partner.Property(p => p.CreatesPerMinute).HasColumnName("creates_per_minute");
            partner.Property(p => p.ProvisioningsInFlight).HasColumnName("provisionings_in_flight");
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

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.Property(e => e.Id).HasColumnName("id").ValueGeneratedNever();
            entry.Property(e => e.PartnerId).HasColumnName("partner_id");
            entry.Property(e => e.ActorId).HasColumnName("actor_id");
            entry.Property(e => e.ActorEmail).HasColumnName("actor_email").HasMaxLength(320);
            entry.Property(e => e.ActorRole).HasColumnName("actor_role").HasMaxLength(32);
            entry.Property(e => e.Entity).HasColumnName("entity").HasMaxLength(32);
            entry.Property(e => e.EntityId).HasColumnName("entity_id").HasMaxLength(253);
            entry.Property(e => e.Action).HasColumnName("action").HasMaxLength(32);
            entry.Property(e => e.Before).HasColumnName("before").HasColumnType("jsonb");
            entry.Property(e => e.After).HasColumnName("after").HasColumnType("jsonb");
            entry.Property(e => e.OccurredAt).HasColumnName("occurred_at");
            entry.Property(e => e.ClientId).HasColumnName("client_id");
            entry.HasIndex(e => new { e.PartnerId, e.OccurredAt });
            entry.HasIndex(e => new { e.ClientId, e.OccurredAt });
            entry.HasIndex(e => e.OccurredAt);
        });

        modelBuilder.Entity<SignInLockout>(lockout =>
        {
            lockout.ToTable("sign_in_lockouts");
            lockout.HasKey(l => l.Email);
            lockout.Property(l => l.Email).HasColumnName("email").HasMaxLength(320);
            lockout.Property(l => l.Failures).HasColumnName("failures");
            lockout.Property(l => l.LockedUntil).HasColumnName("locked_until");
        });

        modelBuilder.Entity<UserRevocation>(revocation =>
        {
            revocation.ToTable("user_revocations");
            revocation.HasKey(r => r.UserId);
            revocation.Property(r => r.UserId).HasColumnName("user_id").ValueGeneratedNever();
            revocation.Property(r => r.PartnerId).HasColumnName("partner_id");
            revocation.Property(r => r.RevokedAt).HasColumnName("revoked_at");
            revocation.HasIndex(r => r.RevokedAt);
        });

        modelBuilder.Entity<SignInSession>(session =>
        {
            session.ToTable("sign_in_sessions");
            session.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            session.Property(x => x.UserId).HasColumnName("user_id");
            session.Property(x => x.SecretHash).HasColumnName("secret_hash");
            session.Property(x => x.CreatedAt).HasColumnName("created_at");
            session.Property(x => x.ExpiresAt).HasColumnName("expires_at");
            session.Property(x => x.LastRefreshedAt).HasColumnName("last_refreshed_at");
            session.Property(x => x.EndedAt).HasColumnName("ended_at");
            session.HasIndex(x => x.UserId);
        });

        modelBuilder.Entity<SignupLink>(link =>
        {
            link.ToTable("signup_links");
            link.Property(l => l.Id).HasColumnName("id").ValueGeneratedNever();
            link.Property(l => l.PartnerId).HasColumnName("partner_id");
            link.Property(l => l.Token).HasColumnName("token").HasMaxLength(64);
            link.Property(l => l.Name).HasColumnName("name").HasMaxLength(200);
            link.Property(l => l.ExpiresAt).HasColumnName("expires_at");
            link.Property(l => l.MaxUses).HasColumnName("max_uses");
            link.Property(l => l.Uses).HasColumnName("uses");
            link.Property(l => l.Suites).HasColumnName("suites");
            link.Property(l => l.DisabledAt).HasColumnName("disabled_at");
            link.Property(l => l.CreatedAt).HasColumnName("created_at");
            link.HasIndex(l => l.Token).IsUnique();
            link.HasIndex(l => new { l.PartnerId, l.CreatedAt });
            link.ToTable(table => table.HasCheckConstraint("ck_signup_links_uses", "max_uses IS NULL OR uses <= max_uses"));
        });

        modelBuilder.Entity<PartnerApplication>(application =>
        {
            application.ToTable("partner_applications");
            application.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            application.Property(a => a.OrganisationName).HasColumnName("organisation_name").HasMaxLength(200);
            application.Property(a => a.ContactName).HasColumnName("contact_name").HasMaxLength(200);
            application.Property(a => a.ContactEmail).HasColumnName("contact_email").HasMaxLength(320);
            application.Property(a => a.Website).HasColumnName("website").HasMaxLength(2048);
            application.Property(a => a.Regions).HasColumnName("regions");
            application.Property(a => a.Suites).HasColumnName("suites");
            application.Property(a => a.Message).HasColumnName("message").HasMaxLength(4000);
            application.Property(a => a.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            application.Property(a => a.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(320);
            application.Property(a => a.ReviewedAt).HasColumnName("reviewed_at");
            application.Property(a => a.RejectionReason).HasColumnName("rejection_reason").HasMaxLength(2000);
            application.Property(a => a.PartnerId).HasColumnName("partner_id");
            application.Property(a => a.CreatedAt).HasColumnName("created_at");
            application.HasIndex(a => new { a.Status, a.CreatedAt });
            // One pending application per contact email.
            application.HasIndex(a => a.ContactEmail).IsUnique().HasFilter("status = 'Pending'");
        });

        modelBuilder.AddOutbox();
    }
}
