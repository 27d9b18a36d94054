using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PublishScheduledAtUtc",
                table: "Evaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishScheduledById",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_PublishScheduledAtUtc",
                table: "Evaluations",
                column: "PublishScheduledAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evaluations_PublishScheduledAtUtc",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "PublishScheduledAtUtc",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "PublishScheduledById",
                table: "Evaluations");
        }
    }
}
