using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HistoryChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HistoryChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FinanceBureauId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedById = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ProgressAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EvaluationsTotal = table.Column<int>(type: "integer", nullable: false),
                    EvaluationsChecked = table.Column<int>(type: "integer", nullable: false),
                    RowsChecked = table.Column<int>(type: "integer", nullable: false),
                    BrokenCount = table.Column<int>(type: "integer", nullable: false),
                    BrokenLinksJson = table.Column<string>(type: "character varying(2000000)", maxLength: 2000000, nullable: true),
                    FailureReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HistoryChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HistoryChecks_FinanceBureaus_FinanceBureauId",
                        column: x => x.FinanceBureauId,
                        principalTable: "FinanceBureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_FinanceBureauId_Id",
                table: "Evaluations",
                columns: new[] { "FinanceBureauId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HistoryChecks_FinanceBureauId_RequestedAtUtc",
                table: "HistoryChecks",
                columns: new[] { "FinanceBureauId", "RequestedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HistoryChecks_OneActivePerBureau",
                table: "HistoryChecks",
                column: "FinanceBureauId",
                unique: true,
                filter: "\"Status\" IN ('Queued', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HistoryChecks");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_FinanceBureauId_Id",
                table: "Evaluations");
        }
    }
}
