using System;
using Microsoft.EntityFrameworkCore.Migrations;
using WebWaka.Contracts;

#nullable disable

namespace WebWaka.Tenant.Data.Migrations
{
    /// <summary>
    /// Phase 4A's migration plan: every tenant belongs to a partner. Orphans (tenants created before
    /// partner attribution existed) go to WebWaka Digital Services; then the column becomes required and
    /// indexed, and the database itself refuses any change of it, whoever sends the SQL.
    /// </summary>
    public partial class PartnerAttributionRequired : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                $"UPDATE tenants SET created_by_partner_id = '{WellKnownPartners.WebWakaDigitalServicesId}' WHERE created_by_partner_id IS NULL;");

            migrationBuilder.AlterColumn<Guid>(
                name: "created_by_partner_id",
                table: "tenants",
                type: "uuid",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_partner_attribution_change() RETURNS trigger AS $$
                BEGIN
                    IF NEW.created_by_partner_id IS DISTINCT FROM OLD.created_by_partner_id THEN
                        RAISE EXCEPTION 'PARTNER_ATTRIBUTION_IMMUTABLE: tenants.created_by_partner_id never changes'
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;

                CREATE TRIGGER tenants_partner_attribution_immutable
                    BEFORE UPDATE OF created_by_partner_id ON tenants
                    FOR EACH ROW EXECUTE FUNCTION refuse_partner_attribution_change();
                """);

            migrationBuilder.CreateTable(
                name: "known_partners",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_partners", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_tenants_created_by_partner_id",
                table: "tenants",
                column: "created_by_partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unpublished",
                table: "outbox_messages",
                column: "created_at",
                filter: "published_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER tenants_partner_attribution_immutable ON tenants;
                DROP FUNCTION refuse_partner_attribution_change();
                """);

            migrationBuilder.DropTable(
                name: "known_partners");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "IX_tenants_created_by_partner_id",
                table: "tenants");

            migrationBuilder.AlterColumn<Guid>(
                name: "created_by_partner_id",
                table: "tenants",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");
        }
    }
}
