using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "OutboxMessages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAtUtc",
                table: "OutboxMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetryAtUtc",
                table: "OutboxMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RetryAtUtc",
                table: "OutboxMessages",
                column: "RetryAtUtc");

            // Rows sent before this change were marked sent when handed to the transport: the dispatcher's first pass
            // confirms those whose consumers committed and publishes the others again.
            migrationBuilder.Sql("UPDATE \"OutboxMessages\" SET \"Attempts\" = 1, \"RetryAtUtc\" = \"SentAtUtc\" WHERE \"SentAtUtc\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_RetryAtUtc",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DeliveredAtUtc",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "RetryAtUtc",
                table: "OutboxMessages");
        }
    }
}
