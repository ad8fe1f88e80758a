using System;
using Microsoft.EntityFrameworkCore.Migrations;
using WebWaka.Messaging;

#nullable disable

namespace WebWaka.Partner.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "step_deadline",
                table: "client_platform_sagas",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_published",
                table: "outbox_messages",
                column: "published_at",
                filter: "published_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_client_platform_sagas_step_deadline",
                table: "client_platform_sagas",
                column: "step_deadline",
                filter: "step_deadline IS NOT NULL");

            migrationBuilder.AddOutboxNotifications();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropOutboxNotifications();

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_published",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "IX_client_platform_sagas_step_deadline",
                table: "client_platform_sagas");

            migrationBuilder.DropColumn(
                name: "step_deadline",
                table: "client_platform_sagas");
        }
    }
}
