using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RoundKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Rounds",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Overall");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Rounds");
        }
    }
}
