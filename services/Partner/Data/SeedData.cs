using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Messaging;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Data;

public sealed record AccountSeed(string Email, string Password, string Name);

/// <summary>
/// What the first start creates: WebWaka Digital Services, an ordinary partner, with its partner admin,
/// and the platform's super admin. Credentials come from configuration ("Seed" section); Development has its own.
/// </summary>
public sealed class SeedData(IConfiguration configuration, IPasswordHasher<UserAccount> hasher, TimeProvider clock)
    : IDatabaseSeeder<PartnerDbContext>
{
    private readonly AccountSeed _superAdmin = Account(configuration, "SuperAdmin");
    private readonly AccountSeed _partnerAdmin = Account(configuration, "PartnerAdmin");

    public async Task SeedAsync(PartnerDbContext database, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await database.Partners.AnyAsync(p => p.Id == WellKnownPartners.WebWakaDigitalServicesId, cancellationToken))
        {
            var partner = new Domain.Partner
            {
                Id = WellKnownPartners.WebWakaDigitalServicesId,
                Name = WellKnownPartners.WebWakaDigitalServicesName,
                Slug = WellKnownPartners.WebWakaDigitalServicesSlug,
                ContactEmail = _partnerAdmin.Email,
                ListedInDirectory = true,
                Status = PartnerStatus.Active,
                CreatedAt = now,
            };
            database.Partners.Add(partner);
            database.Publish(new PartnerCreated(partner.Id, partner.Name, partner.Slug, partner.Status.ToString(), now));
        }

        await AddAccountAsync(database, _superAdmin, Roles.SuperAdmin, partnerId: null, now, cancellationToken);
        await AddAccountAsync(database, _partnerAdmin, Roles.PartnerAdmin, WellKnownPartners.WebWakaDigitalServicesId, now, cancellationToken);
        await database.SaveChangesAsync(cancellationToken);
    }

    private async Task AddAccountAsync(PartnerDbContext database, AccountSeed seed, string role, Guid? partnerId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var email = UserAccount.NormalizeEmail(seed.Email);
        if (await database.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return;
        }

        var account = new UserAccount
        {
            Id = Guid.NewGuid(), Email = email, Name = seed.Name, Role = role, PartnerId = partnerId, CreatedAt = now, PasswordHash = "",
        };
        account.PasswordHash = hasher.HashPassword(account, seed.Password);
        database.Users.Add(account);
    }

    private static AccountSeed Account(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection($"Seed:{name}");
        var email = section["Email"];
        var password = section["Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException($"Seed:{name}:Email and Seed:{name}:Password must be configured: they are the first accounts.");
        }

        return new AccountSeed(email, password, section["Name"] ?? name);
    }
}
