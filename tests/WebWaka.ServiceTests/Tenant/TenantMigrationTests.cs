using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using WebWaka.Tenant.Data;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Tenant;

/// <summary>The Tenant schema's history: tenants once had no partner; the migration gives every orphan one.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TenantMigrationTests(InfrastructureFixture infrastructure)
{
    private static readonly Guid WebWakaDigitalServices = Guid.Parse("0b3d2e00-5eed-4000-8000-000000000001");

    [Fact]
    public async Task Migrating_a_database_with_orphan_tenants_gives_each_to_WebWaka_Digital_Services_and_then_locks_attribution()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("tenant_history");
        await using var database = new TenantDbContext(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(connectionString).Options);
        var migrator = database.GetService<IMigrator>();
        var migrations = database.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[0]);

        var agency = Guid.NewGuid();
        await ExecuteAsync(connectionString, $"""
            INSERT INTO tenants (id, name, slug, status, created_by_partner_id, created_at) VALUES
              ('{Guid.NewGuid()}', 'Orphan One', 'orphan-one', 'Active', NULL, now()),
              ('{Guid.NewGuid()}', 'Orphan Two', 'orphan-two', 'Suspended', NULL, now()),
              ('{Guid.NewGuid()}', 'Agency Client', 'agency-client', 'Active', '{agency}', now());
            """);

        await migrator.MigrateAsync();

        Assert.Equal(0L, await ExecuteAsync(connectionString, "SELECT count(*) FROM tenants WHERE created_by_partner_id IS NULL"));
        Assert.Equal(2L, await ExecuteAsync(connectionString, $"SELECT count(*) FROM tenants WHERE created_by_partner_id = '{WebWakaDigitalServices}'"));
        Assert.Equal(1L, await ExecuteAsync(connectionString, $"SELECT count(*) FROM tenants WHERE created_by_partner_id = '{agency}'"));
        Assert.Equal("NO", await ExecuteAsync(connectionString,
            "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'tenants' AND column_name = 'created_by_partner_id'"));
        // A partner's clients are found through indexes that lead with the partner.
        Assert.Equal(2L, await ExecuteAsync(connectionString,
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'tenants' AND indexdef LIKE '%USING btree (created_by_partner_id,%'"));
        await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connectionString, "INSERT INTO tenants (id, name, slug, status, created_at) VALUES (gen_random_uuid(), 'No Partner', 'no-partner', 'Active', now())"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(connectionString, $"UPDATE tenants SET created_by_partner_id = '{agency}' WHERE slug = 'orphan-one'"));
        Assert.Contains("PARTNER_ATTRIBUTION_IMMUTABLE", refused.MessageText);
        Assert.Equal(1, (int)(await ExecuteAsync(connectionString, "UPDATE tenants SET name = 'Renamed' WHERE slug = 'orphan-one' RETURNING 1"))!);
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await new NpgsqlCommand(sql, connection).ExecuteScalarAsync();
    }
}
