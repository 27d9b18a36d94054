using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content.Exchange;

public static partial class TablesWorkbook
{
    public static byte[] Write(TablesHeading heading, EvaluationContent content, TemplateBody template)
    {
        var report = ContentChecks.Run(content, template);
        List<SheetBuilder> sheets =
        [
            Basic(heading, content.Basic, template, report.Basic),
            SelfEvaluation(heading, OverallSheet, OverallTable, $"{heading.FiscalYear}年度部门整体支出绩效自评表", content.Overall, template, report.Overall),
            .. content.Projects.Select((p, i) => SelfEvaluation(heading, ProjectSheetName(i + 1, p.ProjectName), ProjectTable + p.Id,
                $"{heading.FiscalYear}年度项目支出绩效自评表", p, template, report.Projects[i])),
            NewProject(heading, template),
        ];

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Stylesheet();
            var list = new Sheets();
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                sheet.WriteTo(part);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)list.ChildElements.Count + 1, Name = sheet.Name });
            }

            workbook.Workbook = new Workbook(list);
        }

        return stream.ToArray();
    }

    private static SheetBuilder NewProject(TablesHeading heading, TemplateBody template)
    {
        var blank = ContentShape.BlankTable(Guid.Empty, template, project: true);
        var score = SelfEvaluationChecks.Run(NewProjectTable, "附件3", blank, template, []);
        return SelfEvaluation(heading, NewProjectSheet, NewProjectTable, $"{heading.FiscalYear}年度项目支出绩效自评表（新增项目）", blank, template, score);
    }

    private static SheetBuilder Basic(TablesHeading heading, BasicDataTable table, TemplateBody template, BasicRates rates)
    {
        var sheet = new SheetBuilder(BasicSheet, [4, 36, 16, 16, 16, 12, 14]);
        Heading(sheet, heading, SheetKey(heading.EvaluationId, BasicTable, table), $"{heading.FiscalYear}年度部门整体支出绩效自评基础数据表", "G");
        sheet.Next(Keys.StaffHeader).Headers("B", StaffHeaders);
        sheet.Next(Keys.Staff).Text("B", "人数", CellStyle.Label)
            .Number("C", table.AuthorisedPosts, CellStyle.Whole).Number("D", table.ActualStaff, CellStyle.Whole)
            .Number("E", rates.StaffControlPercent / 100, CellStyle.ComputedPercent);
        sheet.Next(Keys.LineHeader).Headers("B", LineHeaders);
        foreach (var line in table.Lines)
        {
            var definition = template.BasicDataLines.FirstOrDefault(d => d.Code == line.Code);
            var label = definition?.Relation == PartRelation.OfWhich ? "其中：" + line.Name : line.Name;
            var style = line.Code.Count(c => c == '.') switch { 0 => CellStyle.Label, 1 => CellStyle.LabelIndent1, _ => CellStyle.LabelIndent2 };
            sheet.Next(line.Code).Text("B", label, style)
                .Number("C", line.PriorYearActual).Number("D", line.CurrentBudget).Number("E", line.CurrentActual);
        }

        var buildings = table.Buildings;
        sheet.Next(Keys.BuildingHeader).Headers("B", BuildingHeaders);
        sheet.Next(Keys.Area).Text("B", "建筑面积（平方米）", CellStyle.Label).Number("C", buildings.ApprovedArea).Number("D", buildings.ActualArea)
            .Number("E", rates.AreaControlPercent / 100, CellStyle.ComputedPercent);
        sheet.Next(Keys.Investment).Text("B", "投资（万元）", CellStyle.Label).Number("C", buildings.BudgetedInvestment).Number("D", buildings.ActualInvestment)
            .Number("E", rates.InvestmentControlPercent / 100, CellStyle.ComputedPercent);
        sheet.Next(Keys.Saving, SheetBuilder.HeightFor(table.SavingMeasures, 40)).Text("B", "厉行节约保障措施", CellStyle.Label)
            .Text("C", table.SavingMeasures, mergeTo: "G");
        sheet.Next(Keys.Signature, 30).Text("B", "单位负责人签字", CellStyle.Label).Text("C", null, mergeTo: "G");
        Footer(sheet, table.Footer);
        return sheet;
    }

    private static SheetBuilder SelfEvaluation(TablesHeading heading, string sheetName, string tableKey, string title,
        SelfEvaluationTable table, TemplateBody template, TableScore score)
    {
        var sheet = new SheetBuilder(sheetName, [4, 12, 14, 24, 14, 14, 8, 10, 32]);
        Heading(sheet, heading, SheetKey(heading.EvaluationId, tableKey, table), title, "I");
        if (tableKey != OverallTable)
        {
            sheet.Next(Keys.Project).Text("B", "项目名称", CellStyle.Label).Text("C", table.ProjectName, mergeTo: "I");
            sheet.Next(Keys.Departments).Text("B", "主管部门", CellStyle.Label).Text("C", table.SupervisingDepartment, mergeTo: "E")
                .Text("F", "实施单位", CellStyle.Label).Text("G", table.ImplementingUnit, mergeTo: "I");
        }

        sheet.Next(Keys.FundsHeader).Headers("B", FundsHeaders).Text("B", FundsHeaders[0], CellStyle.Header, mergeTo: "C");
        sheet.Next(Keys.Total).Text("B", "年度资金总额", CellStyle.Label, mergeTo: "C")
            .Number("D", table.Total.InitialBudget).Number("E", table.Total.AdjustedBudget).Number("F", table.Total.Executed)
            .Number("G", score.BudgetExecutionWeight, CellStyle.Computed).Number("H", score.ExecutionRatePercent / 100, CellStyle.ComputedPercent)
            .Number("I", score.BudgetExecutionScore, CellStyle.Computed);
        for (var i = 0; i < table.Splits.Count; i++)
        {
            sheet.Next(Keys.Split(i)).Text("B", table.Splits[i].Name, CellStyle.Label, mergeTo: "I");
            for (var j = 0; j < table.Splits[i].Lines.Count; j++)
            {
                var line = table.Splits[i].Lines[j];
                sheet.Next(Keys.Split(i, j)).Text("B", line.Name, CellStyle.LabelIndent1, mergeTo: "C")
                    .Number("D", line.InitialBudget).Number("E", line.AdjustedBudget).Number("F", line.Executed)
                    .Text("G", null, CellStyle.ComputedText, mergeTo: "I");
            }
        }

        sheet.Next(Keys.GoalHeader).Headers("B", GoalHeaders).Text("B", GoalHeaders[0], CellStyle.Header, mergeTo: "C", down: 1)
            .Text("D", GoalHeaders[2], CellStyle.Header, mergeTo: "F").Text("G", GoalHeaders[5], CellStyle.Header, mergeTo: "I");
        sheet.Next(Keys.Goals, Math.Max(SheetBuilder.HeightFor(table.Goals.Expected, 25), SheetBuilder.HeightFor(table.Goals.Achieved, 25)))
            .Text("D", table.Goals.Expected, mergeTo: "F").Text("G", table.Goals.Achieved, mergeTo: "I");

        sheet.Next(Keys.IndicatorHeader).Headers("B", IndicatorHeaders);
        var lines = table.Indicators;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var suggested = line.Score is null ? score.Indicators[i].SuggestedScore : null;
            sheet.Next(suggested is decimal s ? SuggestionKey(s, line.Target, line.Actual, line.Weight) : Keys.Indicator,
                SheetBuilder.HeightFor(line.DeviationExplanation, 15));
            if (i == 0 || lines[i - 1].Level1 != line.Level1)
            {
                sheet.Text("B", line.Level1, CellStyle.Label, down: (uint)lines.Skip(i).TakeWhile(l => l.Level1 == line.Level1).Count() - 1);
            }

            if (i == 0 || lines[i - 1].Level1 != line.Level1 || lines[i - 1].Level2 != line.Level2)
            {
                sheet.Text("C", line.Level2, CellStyle.Label,
                    down: (uint)lines.Skip(i).TakeWhile(l => l.Level1 == line.Level1 && l.Level2 == line.Level2).Count() - 1);
            }

            sheet.Text("D", line.Name).Text("E", line.Target).Text("F", line.Actual)
                .Number("G", line.Weight).Number("H", line.Score ?? suggested).Text("I", line.DeviationExplanation);
        }

        sheet.Next(Keys.Sum).Text("B", "总分", CellStyle.Header, mergeTo: "F")
            .Number("G", template.Scoring.BudgetExecutionWeight + template.IndicatorGroups.Sum(g => g.Weight), CellStyle.Computed)
            .Number("H", score.Total, CellStyle.Computed).Text("I", $"评价等级：{score.GradeLabel}", CellStyle.ComputedText);
        Footer(sheet, table.Footer);
        return sheet;
    }

    private static void Heading(SheetBuilder sheet, TablesHeading heading, string key, string title, string lastColumn)
    {
        sheet.Next(key, 32).Text("B", title, CellStyle.Title, mergeTo: lastColumn);
        sheet.Next(Keys.Unit).Text("B", "单位名称", CellStyle.Label).Text("C", heading.UnitName, mergeTo: lastColumn);
    }

    private static void Footer(SheetBuilder sheet, TableFooter footer) => sheet.Next(Keys.Footer)
        .Text("B", FooterLabels[0], CellStyle.Label).Text("C", footer.Filer)
        .Text("D", FooterLabels[2], CellStyle.Label).Text("E", footer.Phone)
        .Text("F", FooterLabels[4], CellStyle.Label).Date("G", footer.FiledOn);
}
