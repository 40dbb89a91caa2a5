using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChangeRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RequiredApprovals",
                table: "environments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ChangeRequestId",
                table: "audit_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "change_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AuthorPrincipal = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Operations = table.Column<string>(type: "text", nullable: false),
                    OperationsShown = table.Column<string>(type: "text", nullable: false),
                    Base = table.Column<string>(type: "text", nullable: false),
                    Diff = table.Column<string>(type: "text", nullable: false),
                    ProtectedEnvironments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequiredApprovals = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    AppliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AppliedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ForcedReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_change_requests_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "change_request_approvals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChangeRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Principal = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_request_approvals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_change_request_approvals_change_requests_ChangeRequestId",
                        column: x => x.ChangeRequestId,
                        principalTable: "change_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "change_request_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChangeRequestId = table.Column<long>(type: "bigint", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_change_request_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_change_request_comments_change_requests_ChangeRequestId",
                        column: x => x.ChangeRequestId,
                        principalTable: "change_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_change_request_approvals_ChangeRequestId_Principal",
                table: "change_request_approvals",
                columns: new[] { "ChangeRequestId", "Principal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_change_request_comments_ChangeRequestId",
                table: "change_request_comments",
                column: "ChangeRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_change_requests_ApplicationId_Id",
                table: "change_requests",
                columns: new[] { "ApplicationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_change_requests_Status_Id",
                table: "change_requests",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_request_approvals");

            migrationBuilder.DropTable(
                name: "change_request_comments");

            migrationBuilder.DropTable(
                name: "change_requests");

            migrationBuilder.DropColumn(
                name: "RequiredApprovals",
                table: "environments");

            migrationBuilder.DropColumn(
                name: "ChangeRequestId",
                table: "audit_entries");
        }
    }
}
