using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Tenant.Data.Migrations
{
    /// <inheritdoc />
    public partial class SlugFreedByFailedProvisioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tenants_slug",
                table: "tenants");

            migrationBuilder.CreateIndex(
                name: "IX_tenants_slug",
                table: "tenants",
                column: "slug",
                unique: true,
                filter: "status <> 'ProvisioningFailed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tenants_slug",
                table: "tenants");

            migrationBuilder.CreateIndex(
                name: "IX_tenants_slug",
                table: "tenants",
                column: "slug",
                unique: true);
        }
    }
}
