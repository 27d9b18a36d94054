using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Corrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evaluations_RoundId_UnitId",
                table: "Evaluations");

            migrationBuilder.AddColumn<string>(
                name: "CorrectionReason",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CorrectsId",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Evaluations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SupersededAtUtc",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupersededById",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_RoundId_UnitId_Revision",
                table: "Evaluations",
                columns: new[] { "RoundId", "UnitId", "Revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evaluations_RoundId_UnitId_Revision",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "CorrectionReason",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "CorrectsId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "SupersededAtUtc",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "SupersededById",
                table: "Evaluations");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_RoundId_UnitId",
                table: "Evaluations",
                columns: new[] { "RoundId", "UnitId" },
                unique: true);
        }
    }
}
