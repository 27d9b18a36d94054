using Microsoft.Extensions.Localization;
using MudBlazor;

namespace EvalWorkflow.Web.Components.Layout;

/// <summary>
/// MudBlazor's own texts (mostly labels for screen readers and tooltips: "Previous month", "Close", "Rows per page") in
/// Chinese. MudBlazor asks this for every key when the UI culture is not English; a key not here falls back to its English.
/// </summary>
public sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["MudAlert_Close"] = "关闭",
        ["MudBaseDatePicker_NextMonth"] = "下个月",
        ["MudBaseDatePicker_PrevMonth"] = "上个月",
        ["MudBaseDatePicker_NextYear"] = "下一年",
        ["MudBaseDatePicker_PrevYear"] = "上一年",
        ["MudBaseDatePicker_Open"] = "打开日期选择",
        ["MudChip_Close"] = "移除",
        ["MudDialog_Close"] = "关闭",
        ["MudInput_Clear"] = "清除",
        ["MudInput_Increment"] = "增加",
        ["MudInput_Decrement"] = "减少",
        ["MudFormComponent_Required"] = "必填",
        ["MudPagination_FirstPage"] = "第一页",
        ["MudPagination_LastPage"] = "最后一页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_PreviousPage"] = "上一页",
        ["MudPagination_CurrentPage"] = "当前第 {0} 页",
        ["MudPagination_PageIndex"] = "第 {0} 页",
        ["MudSelect_SelectAll"] = "全选",
        ["MudSnackbar_Close"] = "关闭",
        ["MudTable_Loading"] = "正在加载…",
        ["MudTable_SelectAllRows"] = "全选",
        ["MudTable_SelectRow"] = "选择此行",
        ["MudTablePager_FirstPage"] = "第一页",
        ["MudTablePager_LastPage"] = "最后一页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudTabs_ScrollLeft"] = "向左滚动",
        ["MudTabs_ScrollRight"] = "向右滚动",
        ["MudTabs_ScrollUp"] = "向上滚动",
        ["MudTabs_ScrollDown"] = "向下滚动",
        ["MudTimePicker_Open"] = "打开时间选择",
        ["MudDataGrid_Loading"] = "正在加载…",
        ["MudDataGridPager_FirstPage"] = "第一页",
        ["MudDataGridPager_LastPage"] = "最后一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGridPager_InfoFormat"] = "第 {first_item}–{last_item} 条，共 {all_items} 条",
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_Unsort"] = "取消排序",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);
}
