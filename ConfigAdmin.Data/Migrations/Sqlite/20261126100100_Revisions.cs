using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConfigId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ValueType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DefaultValue = table.Column<string>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsSecret = table.Column<bool>(type: "INTEGER", nullable: false),
                    Overrides = table.Column<string>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Baseline = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    KeyCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                CREATE TRIGGER config_revisions_no_update BEFORE UPDATE ON config_revisions
                BEGIN SELECT RAISE(ABORT, 'config_revisions is append-only'); END;
                CREATE TRIGGER config_revisions_no_delete BEFORE DELETE ON config_revisions
                BEGIN SELECT RAISE(ABORT, 'config_revisions is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS config_revisions_no_update;
                DROP TRIGGER IF EXISTS config_revisions_no_delete;
                """);

            migrationBuilder.DropTable(
                name: "config_revisions");
        }
    }
}
