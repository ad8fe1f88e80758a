using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WebWaka.Partner.Data.Migrations
{
    /// <inheritdoc />
    public partial class FlowCarriesItsRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "admin_email",
                table: "client_platform_sagas",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "admin_name",
                table: "client_platform_sagas",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "branding",
                table: "client_platform_sagas",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client_name",
                table: "client_platform_sagas",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "domain",
                table: "client_platform_sagas",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "instance_name",
                table: "client_platform_sagas",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<List<string>>(
                name: "suites",
                table: "client_platform_sagas",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // Flows under way carry what they were asked for from now on: copied from the request each one kept.
            migrationBuilder.Sql("""
                UPDATE client_platform_sagas s SET
                    client_name = r.body->>'name',
                    instance_name = r.body->>'instanceName',
                    suites = ARRAY(SELECT jsonb_array_elements_text(r.body->'suites')),
                    branding = NULLIF(r.body->'branding', 'null'::jsonb),
                    domain = r.body->>'domain',
                    admin_email = r.body->>'adminEmail',
                    admin_name = r.body->>'adminName'
                FROM provisioning_requests r
                WHERE r.id = s.correlation_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "admin_email",
                table: "client_platform_sagas");

            migrationBuilder.DropColumn(
                name: "admin_name",
                table: "client_platform_sagas");

            migrationBuilder.DropColumn(
                name: "branding",
                table: "client_platform_sagas");

            migrationBuilder.DropColumn(
                name: "client_name",
                table: "client_platform_sagas");

            migrationBuilder.DropColumn(
                name: "domain",
                table: "client_platform_sagas");

            migrationBuilder.DropColumn(
                name: "instance_name",
                table: "client_platform_sagas");

            migrationBuilder.DropColumn(
                name: "suites",
                table: "client_platform_sagas");
        }
    }
}
