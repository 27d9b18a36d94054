using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CoveringInboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Involvements_UserId_LastActAtUtc_EvaluationId",
                table: "Involvements");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_FinanceBureauId_HolderRole_DueOn",
                table: "Evaluations");

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_UserId_LastActAtUtc_EvaluationId_FinanceBureauId_UnitId_ParentUnitId",
                table: "Involvements",
                columns: new[] { "UserId", "LastActAtUtc", "EvaluationId", "FinanceBureauId", "UnitId", "ParentUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_FinanceBureauId_HolderRole_DueOn_ClaimedById",
                table: "Evaluations",
                columns: new[] { "FinanceBureauId", "HolderRole", "DueOn", "ClaimedById" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Involvements_UserId_LastActAtUtc_EvaluationId_FinanceBureauId_UnitId_ParentUnitId",
                table: "Involvements");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_FinanceBureauId_HolderRole_DueOn_ClaimedById",
                table: "Evaluations");

            migrationBuilder.CreateIndex(
                name: "IX_Involvements_UserId_LastActAtUtc_EvaluationId",
                table: "Involvements",
                columns: new[] { "UserId", "LastActAtUtc", "EvaluationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_FinanceBureauId_HolderRole_DueOn",
                table: "Evaluations",
                columns: new[] { "FinanceBureauId", "HolderRole", "DueOn" });
        }
    }
}
