using EvalWorkflow.Workflows.Content.Templates;

namespace EvalWorkflow.Workflows.Content.Exchange;

public static partial class TablesWorkbook
{
    /// <summary>附件1. Rows without a key below 本级专项资金 or 上级转移支付 (or their parts) are new parts.</summary>
    private static BasicDataTable ReadBasic(SheetReader sheet, TemplateBody template)
    {
        var definitions = template.BasicDataLines.ToDictionary(d => d.Code);
        var seen = new Dictionary<string, int>();
        var lines = new List<AmountLine>();
        (int? Posts, int? Staff) staff = default;
        var buildings = new BuildingControl();
        string? saving = null;
        var footer = new TableFooter();
        string? addingTo = null;
        foreach (var row in sheet.Rows)
        {
            var key = sheet.Key(row);
            if (key is null)
            {
                if (addingTo is not null)
                {
                    AddPart(sheet, row, $"{addingTo}.0", lines);
                }
                else if (!sheet.IsBlank(row))
                {
                    sheet.Problem(row, "", $"此行不属于标准格式：只能在{string.Join("、", definitions.Values.Where(d => d.FilerAddsParts).Select(d => $"「{d.Name}」"))}下增加分项");
                }

                continue;
            }

            if (IsTableKey(key) || !Once(sheet, seen, row, key))
            {
                continue;
            }

            addingTo = null;
            switch (key)
            {
                case Keys.Unit: sheet.Expect(row, 'B', ["单位名称"]); break;
                case Keys.StaffHeader: sheet.Expect(row, 'B', StaffHeaders); break;
                case Keys.Staff: staff = (sheet.Whole(row, "C"), sheet.Whole(row, "D")); break;
                case Keys.LineHeader: sheet.Expect(row, 'B', LineHeaders); break;
                case Keys.BuildingHeader: sheet.Expect(row, 'B', BuildingHeaders); break;
                case Keys.Area: buildings = buildings with { ApprovedArea = sheet.Amount(row, "C"), ActualArea = sheet.Amount(row, "D") }; break;
                case Keys.Investment:
                    buildings = buildings with { BudgetedInvestment = sheet.Amount(row, "C"), ActualInvestment = sheet.Amount(row, "D") };
                    break;
                case Keys.Saving: saving = sheet.Text(row, "C"); break;
                case Keys.Signature: break;
                case Keys.Footer: footer = ReadFooter(sheet, row); break;
                case var code when definitions.TryGetValue(code, out var definition):
                    lines.Add(new AmountLine(code, definition.Name, sheet.Amount(row, "C"), sheet.Amount(row, "D"), sheet.Amount(row, "E")));
                    addingTo = definition.FilerAddsParts ? code : null;
                    break;
                case var code when code.LastIndexOf('.') is var dot and > 0 && definitions.GetValueOrDefault(code[..dot])?.FilerAddsParts == true
                    && code[(dot + 1)..].All(char.IsAsciiDigit):
                    AddPart(sheet, row, code, lines);
                    addingTo = code[..dot];
                    break;
                default: UnknownRow(sheet, row, key); break;
            }
        }

        if (lines.Count > definitions.Count + ContentShape.MaxAddedLines)
        {
            sheet.Problem(0, "", $"最多增加 {ContentShape.MaxAddedLines} 个分项");
        }

        Require(sheet, seen, [(Keys.StaffHeader, "人员控制情况"), (Keys.Staff, "人数"), (Keys.LineHeader, "费用项目"),
            .. definitions.Values.Select(d => (d.Code, d.Name)),
            (Keys.BuildingHeader, "楼堂馆所控制情况"), (Keys.Area, "建筑面积"), (Keys.Investment, "投资"), (Keys.Saving, "厉行节约保障措施"), (Keys.Footer, "填表人")]);
        return new BasicDataTable(staff.Posts, staff.Staff, lines, buildings, saving, footer);
    }

    /// <summary>A part the filer added; a part whose cells were all cleared is dropped.</summary>
    private static void AddPart(SheetReader sheet, int row, string code, List<AmountLine> lines)
    {
        if (sheet.IsBlank(row, 'B', 'E'))
        {
            return;
        }

        var name = sheet.Text(row, "B");
        if (name is null)
        {
            sheet.Problem(row, "B", "分项缺少名称");
        }

        lines.Add(new AmountLine(code, name ?? "", sheet.Amount(row, "C"), sheet.Amount(row, "D"), sheet.Amount(row, "E")));
    }
}
