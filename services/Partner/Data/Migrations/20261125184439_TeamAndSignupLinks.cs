using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Partner.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamAndSignupLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "signup_link_id",
                table: "provisioning_requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "signup_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    max_uses = table.Column<int>(type: "integer", nullable: true),
                    uses = table.Column<int>(type: "integer", nullable: false),
                    suites = table.Column<List<string>>(type: "text[]", nullable: false),
                    disabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signup_links", x => x.id);
                    table.CheckConstraint("ck_signup_links_uses", "max_uses IS NULL OR uses <= max_uses");
                });

            migrationBuilder.CreateIndex(
                name: "IX_signup_links_partner_id_created_at",
                table: "signup_links",
                columns: new[] { "partner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_signup_links_token",
                table: "signup_links",
                column: "token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signup_links");

            migrationBuilder.DropColumn(
                name: "signup_link_id",
                table: "provisioning_requests");
        }
    }
}
