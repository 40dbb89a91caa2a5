using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConfigAdmin.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ChangeRequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Stages = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Canary = table.Column<string>(type: "TEXT", nullable: false),
                    MaxFailingRatio = table.Column<double>(type: "REAL", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    StageStartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PausedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BaseETag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetETag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetValues = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RolloutId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RolloutId = table.Column<long>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Host = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Document = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ServedTarget = table.Column<bool>(type: "INTEGER", nullable: false),
                    Health = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
