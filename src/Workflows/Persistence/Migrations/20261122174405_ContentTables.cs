using System;
using EvalWorkflow.Workflows.Content.Templates;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EvalWorkflow.Workflows.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContentTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TemplateKey",
                table: "Rounds",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "national-hunan");

            migrationBuilder.AddColumn<string>(
                name: "LeadFilerId",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeadFilerName",
                table: "Evaluations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TemplateId",
                table: "Evaluations",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("5d1f3f0e-6b0a-4c59-9a53-0c1c2f6e0001"));

            migrationBuilder.CreateTable(
                name: "EvaluationParts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyJson = table.Column<string>(type: "TEXT", maxLength: 400000, nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReadyAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReadyByName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationParts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationParts_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    BodyJson = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Templates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_TemplateId",
                table: "Evaluations",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationParts_EvaluationId_Kind",
                table: "EvaluationParts",
                columns: new[] { "EvaluationId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Templates_Key_Version",
                table: "Templates",
                columns: new[] { "Key", "Version" },
                unique: true);

            // Evaluations that exist already are given the built-in national (Hunan) template, which must be there
            // before the foreign key is checked; the start-up seeding finds it and adds the others.
            var hunan = BuiltInTemplates.All().Single(t => t.Id == BuiltInTemplates.HunanId);
            migrationBuilder.InsertData(
                table: "Templates",
                columns: ["Id", "Key", "Version", "Name", "BodyJson"],
                values: new object[] { hunan.Id, hunan.Key, hunan.Version, hunan.Name, hunan.BodyJson });

            migrationBuilder.AddForeignKey(
                name: "FK_Evaluations_Templates_TemplateId",
                table: "Evaluations",
                column: "TemplateId",
                principalTable: "Templates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Evaluations_Templates_TemplateId",
                table: "Evaluations");

            migrationBuilder.DropTable(
                name: "EvaluationParts");

            migrationBuilder.DropTable(
                name: "Templates");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_TemplateId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "TemplateKey",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "LeadFilerId",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "LeadFilerName",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "Evaluations");
        }
    }
}
