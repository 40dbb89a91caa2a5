using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Revisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "config_revisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConfigId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ValueType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DefaultValue = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsSecret = table.Column<bool>(type: "boolean", nullable: false),
                    Overrides = table.Column<string>(type: "text", nullable: false),
                    Deleted = table.Column<bool>(type: "boolean", nullable: false),
                    Baseline = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    KeyCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_config_revisions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_config_revisions_ApplicationId_ChangedAt",
                table: "config_revisions",
                columns: new[] { "ApplicationId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_config_revisions_ConfigId_Id",
                table: "config_revisions",
                columns: new[] { "ConfigId", "Id" });

            // History is never rewritten: the database refuses to edit or delete a revision, whoever asks.
            migrationBuilder.Sql("""
                CREATE FUNCTION config_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'config_revisions is append-only' USING ERRCODE = 'insufficient_privilege'; END; $$;
                CREATE TRIGGER config_revisions_no_change BEFORE UPDATE OR DELETE ON config_revisions
                FOR EACH ROW EXECUTE FUNCTION config_revisions_append_only();
                CREATE TRIGGER config_revisions_no_truncate BEFORE TRUNCATE ON config_revisions
                FOR EACH STATEMENT EXECUTE FUNCTION config_revisions_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS config_revisions_no_truncate ON config_revisions;
                DROP TRIGGER IF EXISTS config_revisions_no_change ON config_revisions;
                DROP FUNCTION IF EXISTS config_revisions_append_only();
                """);

            migrationBuilder.DropTable(
                name: "config_revisions");
        }
    }
}
