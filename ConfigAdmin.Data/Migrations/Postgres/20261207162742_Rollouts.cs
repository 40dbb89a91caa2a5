using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Rollouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rollouts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Environment = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ChangeRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Stages = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Canary = table.Column<string>(type: "text", nullable: false),
                    MaxFailingRatio = table.Column<double>(type: "double precision", nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    StageStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PausedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BaseETag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TargetETag = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TargetValues = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    StartedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rollouts_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollout_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RolloutId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollout_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rollout_events_rollouts_RolloutId",
                        column: x => x.RolloutId,
                        principalTable: "rollouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rollout_instances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RolloutId = table.Column<long>(type: "bigint", nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Document = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ServedTarget = table.Column<bool>(type: "boolean", nullable: false),
                    Health = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rollout_instances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rollout_instances_rollouts_RolloutId",
                        column: x => x.RolloutId,
                        principalTable: "rollouts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rollout_events_RolloutId",
                table: "rollout_events",
                column: "RolloutId");

            migrationBuilder.CreateIndex(
                name: "IX_rollout_instances_RolloutId_InstanceId",
                table: "rollout_instances",
                columns: new[] { "RolloutId", "InstanceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rollouts_ApplicationId",
                table: "rollouts",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_rollouts_ChangeRequestId",
                table: "rollouts",
                column: "ChangeRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_rollouts_Status_ApplicationId",
                table: "rollouts",
                columns: new[] { "Status", "ApplicationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rollout_events");

            migrationBuilder.DropTable(
                name: "rollout_instances");

            migrationBuilder.DropTable(
                name: "rollouts");
        }
    }
}
