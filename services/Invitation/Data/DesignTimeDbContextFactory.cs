using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WebWaka.Invitation.Data;

/// <summary>Lets 'dotnet ef migrations add' build the model without a running database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<InvitationDbContext>
{
    public InvitationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InvitationDbContext>().UseNpgsql("Host=localhost;Database=invitationdb").Options);
}
