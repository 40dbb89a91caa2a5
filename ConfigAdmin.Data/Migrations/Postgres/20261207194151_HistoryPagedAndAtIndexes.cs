using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HistoryPagedAndAtIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_config_revisions_ApplicationId_ChangedAt",
                table: "config_revisions");

            migrationBuilder.CreateIndex(
                name: "IX_config_revisions_ApplicationId_Baseline_Id",
                table: "config_revisions",
                columns: new[] { "ApplicationId", "Baseline", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_config_revisions_ApplicationId_ConfigId_ChangedAt_Id",
                table: "config_revisions",
                columns: new[] { "ApplicationId", "ConfigId", "ChangedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_config_revisions_ApplicationId_Baseline_Id",
                table: "config_revisions");

            migrationBuilder.DropIndex(
                name: "IX_config_revisions_ApplicationId_ConfigId_ChangedAt_Id",
                table: "config_revisions");

            migrationBuilder.CreateIndex(
                name: "IX_config_revisions_ApplicationId_ChangedAt",
                table: "config_revisions",
                columns: new[] { "ApplicationId", "ChangedAt" });
        }
    }
}
