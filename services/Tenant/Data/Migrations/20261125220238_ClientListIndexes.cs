using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Tenant.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClientListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tenants_created_by_partner_id",
                table: "tenants");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_name_trigrams",
                table: "tenants",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_partner_newest",
                table: "tenants",
                columns: new[] { "created_by_partner_id", "created_at", "id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_partner_status_newest",
                table: "tenants",
                columns: new[] { "created_by_partner_id", "status", "created_at", "id" },
                descending: new[] { false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_slug_trigrams",
                table: "tenants",
                column: "slug")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tenants_name_trigrams",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ix_tenants_partner_newest",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ix_tenants_partner_status_newest",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ix_tenants_slug_trigrams",
                table: "tenants");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_tenants_created_by_partner_id",
                table: "tenants",
                column: "created_by_partner_id");
        }
    }
}
