using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebWaka.Tenant.Data;

/// <summary>Lets 'dotnet ef migrations add' build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TenantDbContext>
{
    public TenantDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql("Host=localhost;Database=tenantdb").Options);
}
