using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChangeRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "changes",
                columns: table => new
                {
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Environments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_changes", x => x.Revision);
                });

            migrationBuilder.CreateIndex(
                name: "IX_changes_OccurredAt",
                table: "changes",
                column: "OccurredAt");

            // Revisions must become visible in the order they are given, or a node reading "after revision r" could
            // skip one that commits late: the revision is taken under a transaction-scoped advisory lock (which the
            // writer already holds, ConfigAdminContext), and every node is told at commit. The SQL is written out here,
            // not taken from a constant: a migration must never change after it shipped.
            migrationBuilder.Sql("""
                CREATE FUNCTION changes_in_commit_order() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(7135380);
                    NEW."Revision" := nextval(pg_get_serial_sequence('changes', 'Revision'));
                    RETURN NEW;
                END; $$;
                CREATE TRIGGER changes_in_commit_order BEFORE INSERT ON changes
                FOR EACH ROW EXECUTE FUNCTION changes_in_commit_order();
                CREATE FUNCTION changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('configadmin_changes', NEW."Revision"::text);
                    RETURN NULL;
                END; $$;
                CREATE TRIGGER changes_notify AFTER INSERT ON changes
                FOR EACH ROW EXECUTE FUNCTION changes_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS changes_notify ON changes;
                DROP TRIGGER IF EXISTS changes_in_commit_order ON changes;
                DROP FUNCTION IF EXISTS changes_notify();
                DROP FUNCTION IF EXISTS changes_in_commit_order();
                """);

            migrationBuilder.DropTable(
                name: "changes");
        }
    }
}
