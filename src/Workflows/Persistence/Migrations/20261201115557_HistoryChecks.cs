using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinanceBureauId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProgressAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EvaluationsTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluationsChecked = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsChecked = table.Column<int>(type: "INTEGER", nullable: false),
                    BrokenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    BrokenLinksJson = table.Column<string>(type: "TEXT", maxLength: 2000000, nullable: true),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
