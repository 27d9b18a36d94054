using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TaskColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evaluations_UnitId",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationEvents_ActorId",
                table: "EvaluationEvents");

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueOn",
                table: "Evaluations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "FinanceBureauId",
                table: "Evaluations",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "HolderRole",
                table: "Evaluations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentUnitId",
                table: "Evaluations",
                type: "uuid",
                nullable: true);

            // Copies of the round's bureau and the unit's parent, for evaluations written before these columns; the holder
            // and due day need the workflow definition and the calendar and are filled at start-up (TaskColumns.BackfillAsync).
            migrationBuilder.Sql(
                """
                UPDATE "Evaluations" SET
                    "FinanceBureauId" = (SELECT r."FinanceBureauId" FROM "Rounds" r WHERE r."Id" = "Evaluations"."RoundId"),
                    "ParentUnitId" = (SELECT u."ParentUnitId" FROM "BudgetUnits" u WHERE u."Id" = "Evaluations"."UnitId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "UserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_DueOn",
                table: "Evaluations",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_FinanceBureauId_HolderRole_DueOn",
                table: "Evaluations",
                columns: new[] { "FinanceBureauId", "HolderRole", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ParentUnitId_HolderRole",
                table: "Evaluations",
                columns: new[] { "ParentUnitId", "HolderRole" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_RoundId_Stage",
                table: "Evaluations",
                columns: new[] { "RoundId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_UnitId_HolderRole",
                table: "Evaluations",
                columns: new[] { "UnitId", "HolderRole" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationEvents_ActorId_EvaluationId_Sequence",
                table: "EvaluationEvents",
                columns: new[] { "ActorId", "EvaluationId", "Sequence" });

            migrationBuilder.AddForeignKey(
                name: "FK_Evaluations_BudgetUnits_ParentUnitId",
                table: "Evaluations",
                column: "ParentUnitId",
                principalTable: "BudgetUnits",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Evaluations_FinanceBureaus_FinanceBureauId",
                table: "Evaluations",
                column: "FinanceBureauId",
                principalTable: "FinanceBureaus",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Evaluations_BudgetUnits_ParentUnitId",
                table: "Evaluations");

            migrationBuilder.DropForeignKey(
                name: "FK_Evaluations_FinanceBureaus_FinanceBureauId",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_UserId_CreatedAtUtc",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_DueOn",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_FinanceBureauId_HolderRole_DueOn",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_ParentUnitId_HolderRole",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_RoundId_Stage",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_UnitId_HolderRole",
                table: "Evaluations");

            migrationBuilder.DropIndex(
                name: "IX_EvaluationEvents_ActorId_EvaluationId_Sequence",
                table: "EvaluationEvents");

            migrationBuilder.DropColumn(
                name: "DueOn",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "FinanceBureauId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "HolderRole",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ParentUnitId",
                table: "Evaluations");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_UnitId",
                table: "Evaluations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationEvents_ActorId",
                table: "EvaluationEvents",
                column: "ActorId");
        }
    }
}
