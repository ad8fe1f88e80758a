using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Partner.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerFlowsInFlightIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_client_platform_sagas_partner_id_in_flight",
                table: "client_platform_sagas",
                column: "partner_id",
                filter: "current_state <> 'Completed' AND current_state <> 'Failed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_client_platform_sagas_partner_id_in_flight",
                table: "client_platform_sagas");
        }
    }
}
