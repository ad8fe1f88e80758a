using Microsoft.EntityFrameworkCore.Migrations;
using WebWaka.Messaging;

#nullable disable

namespace WebWaka.Instance.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_published",
                table: "outbox_messages",
                column: "published_at",
                filter: "published_at IS NOT NULL");

            migrationBuilder.AddOutboxNotifications();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropOutboxNotifications();

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_published",
                table: "outbox_messages");
        }
    }
}
