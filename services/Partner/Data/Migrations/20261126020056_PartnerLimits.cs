using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Partner.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "creates_per_minute",
                table: "partners",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "provisionings_in_flight",
                table: "partners",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_provisioning_requests_partner_id_created_at",
                table: "provisioning_requests",
                columns: new[] { "partner_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_provisioning_requests_partner_id_created_at",
                table: "provisioning_requests");

            migrationBuilder.DropColumn(
                name: "creates_per_minute",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "provisionings_in_flight",
                table: "partners");
        }
    }
}
