using MudBlazor;

namespace EvalWorkflow.Web.Components.Layout;

public static class AppTheme
{
    /// <summary>System CJK fonts only: the app runs offline, without web fonts.</summary>
    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "sans-serif"],
            },
            // Chinese has no capitals; upper-casing only turns "下载 Excel" into "下载 EXCEL".
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
