using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Instance.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomDomains : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_domains",
                table: "domains");

            migrationBuilder.DropIndex(
                name: "IX_domains_instance_id",
                table: "domains");

            migrationBuilder.AddColumn<Guid>(
                name: "id",
                table: "domains",
                type: "uuid",
                nullable: false,
                defaultValueSql: "gen_random_uuid()");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                table: "domains",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<bool>(
                name: "is_primary",
                table: "domains",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "last_check_result",
                table: "domains",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_checked_at",
                table: "domains",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "domains",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Pending");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verified_at",
                table: "domains",
                type: "timestamp with time zone",
                nullable: true);

            // Domains mapped before verification existed are claims like any other now: pending, with a week to be proved.
            migrationBuilder.Sql("""
                UPDATE domains SET expires_at = created_at + interval '7 days';
                ALTER TABLE domains ALTER COLUMN id DROP DEFAULT, ALTER COLUMN status DROP DEFAULT, ALTER COLUMN expires_at DROP DEFAULT;
                """);

            migrationBuilder.AddPrimaryKey(
                name: "PK_domains",
                table: "domains",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "IX_domains_instance_id_hostname",
                table: "domains",
                columns: new[] { "instance_id", "hostname" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_domains_one_primary",
                table: "domains",
                column: "instance_id",
                unique: true,
                filter: "is_primary");

            migrationBuilder.CreateIndex(
                name: "IX_domains_status",
                table: "domains",
                column: "status",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_domains_verified_hostname",
                table: "domains",
                column: "hostname",
                unique: true,
                filter: "status = 'Verified'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_domains",
                table: "domains");

            migrationBuilder.DropIndex(
                name: "IX_domains_instance_id_hostname",
                table: "domains");

            migrationBuilder.DropIndex(
                name: "ix_domains_one_primary",
                table: "domains");

            migrationBuilder.DropIndex(
                name: "IX_domains_status",
                table: "domains");

            migrationBuilder.DropIndex(
                name: "ix_domains_verified_hostname",
                table: "domains");

            migrationBuilder.DropColumn(
                name: "id",
                table: "domains");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "domains");

            migrationBuilder.DropColumn(
                name: "is_primary",
                table: "domains");

            migrationBuilder.DropColumn(
                name: "last_check_result",
                table: "domains");

            migrationBuilder.DropColumn(
                name: "last_checked_at",
                table: "domains");

            migrationBuilder.DropColumn(
                name: "status",
                table: "domains");

            migrationBuilder.DropColumn(
                name: "verified_at",
                table: "domains");

            migrationBuilder.AddPrimaryKey(
                name: "PK_domains",
                table: "domains",
                column: "hostname");

            migrationBuilder.CreateIndex(
                name: "IX_domains_instance_id",
                table: "domains",
                column: "instance_id");
        }
    }
}
