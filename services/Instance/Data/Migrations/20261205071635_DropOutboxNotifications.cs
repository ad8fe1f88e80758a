using Microsoft.EntityFrameworkCore.Migrations;
using WebWaka.Messaging;

#nullable disable

namespace WebWaka.Instance.Data.Migrations
{
    /// <summary>The outbox is published from the committing process: no publisher LISTENs for its commits any more.</summary>
    public partial class DropOutboxNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropOutboxNotifications();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddOutboxNotifications();
        }
    }
}
