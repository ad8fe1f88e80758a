using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Tenant.Data.Migrations
{
    /// <summary>The search's trigram indexes rebuilt without fastupdate: new clients go in at once, no pending list to read through.</summary>
    public partial class SearchIndexesWithoutPendingList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tenants_name_trigrams",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ix_tenants_slug_trigrams",
                table: "tenants");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_name_trigrams",
                table: "tenants",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" })
                .Annotation("Npgsql:StorageParameter:fastupdate", false);

            migrationBuilder.CreateIndex(
                name: "ix_tenants_slug_trigrams",
                table: "tenants",
                column: "slug")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" })
                .Annotation("Npgsql:StorageParameter:fastupdate", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tenants_name_trigrams",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ix_tenants_slug_trigrams",
                table: "tenants");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_name_trigrams",
                table: "tenants",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_tenants_slug_trigrams",
                table: "tenants",
                column: "slug")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }
    }
}
