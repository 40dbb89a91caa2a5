using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HistoryPagedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_config_revisions_ApplicationId_Baseline_Id",
                table: "config_revisions",
                columns: new[] { "ApplicationId", "Baseline", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_config_revisions_ApplicationId_Baseline_Id",
                table: "config_revisions");
        }
    }
}
