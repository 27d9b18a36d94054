using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReviewPinsAndSubmittedContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentJson",
                table: "EvaluationEvents",
                type: "TEXT",
                maxLength: 4000000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PinsJson",
                table: "EvaluationEvents",
                type: "TEXT",
                maxLength: 100000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContentJson",
                table: "EvaluationEvents");

            migrationBuilder.DropColumn(
                name: "PinsJson",
                table: "EvaluationEvents");
        }
    }
}
