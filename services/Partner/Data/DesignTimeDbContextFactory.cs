using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebWaka.Partner.Data;

/// <summary>Lets 'dotnet ef migrations add' build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PartnerDbContext>
{
    public PartnerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PartnerDbContext>().UseNpgsql("Host=localhost;Database=partnerdb").Options);
}
