using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Partner.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditEntriesClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "client_id",
                table: "audit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_client_id_occurred_at",
                table: "audit_entries",
                columns: new[] { "client_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_entries_client_id_occurred_at",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "client_id",
                table: "audit_entries");
        }
    }
}
