using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeySchemas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Schema",
                table: "configs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Schema",
                table: "config_revisions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Schema",
                table: "configs");

            migrationBuilder.DropColumn(
                name: "Schema",
                table: "config_revisions");
        }
    }
}
