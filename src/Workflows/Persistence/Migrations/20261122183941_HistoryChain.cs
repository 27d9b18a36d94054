using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HistoryChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "EvaluationEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "EvaluationEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "EvaluationEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Rows written before the chain get their positions in time order (standard SQL, any provider); their
            // hashes stay empty, so a verification reports them as written before the chain existed.
            migrationBuilder.Sql(
                """
                UPDATE "EvaluationEvents" SET "Sequence" = (
                    SELECT COUNT(*) FROM "EvaluationEvents" AS earlier
                    WHERE earlier."EvaluationId" = "EvaluationEvents"."EvaluationId"
                      AND (earlier."OccurredAtUtc" < "EvaluationEvents"."OccurredAtUtc"
                           OR (earlier."OccurredAtUtc" = "EvaluationEvents"."OccurredAtUtc" AND earlier."Id" <= "EvaluationEvents"."Id")))
                """);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationEvents_EvaluationId_Sequence",
                table: "EvaluationEvents",
                columns: new[] { "EvaluationId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EvaluationEvents_EvaluationId_Sequence",
                table: "EvaluationEvents");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "EvaluationEvents");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "EvaluationEvents");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "EvaluationEvents");
        }
    }
}
