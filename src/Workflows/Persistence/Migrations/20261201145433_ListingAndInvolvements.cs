using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ListingAndInvolvements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ListedFiscalYear",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ListedRoundTitle",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ListedUnitName",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Involvements",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FinanceBureauId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastAct = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LastActAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Involvements", x => new { x.UserId, x.EvaluationId });
                    table.ForeignKey(
                        name: "FK_Involvements_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Rows written before: the listed revisions' sort columns and each person's last act per evaluation.
            migrationBuilder.Sql(Backfills.ListedEvaluations);
            migrationBuilder.Sql(Backfills.Involvements);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ListedFiscalYear_ListedUnitName_ListedRoundTitle_Id",
                table: "Evaluations",
                columns: new[] { "ListedFiscalYear", "ListedUnitName", "ListedRoundTitle", "Id" },
                descending: new[] { true, false, false, false },
                filter: "\"ListedFiscalYear\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_EvaluationId",
                table: "Involvements",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_UserId_LastActAtUtc_EvaluationId",
                table: "Involvements",
                columns: new[] { "UserId", "LastActAtUtc", "EvaluationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Involvements");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_ListedFiscalYear_ListedUnitName_ListedRoundTitle_Id",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ListedFiscalYear",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ListedRoundTitle",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ListedUnitName",
                table: "Evaluations");
        }
    }
}
