using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebWaka.Instance.Data;

/// <summary>Lets 'dotnet ef migrations add' build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InstanceDbContext>
{
    public InstanceDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InstanceDbContext>().UseNpgsql("Host=localhost;Database=instancedb").Options);
}
