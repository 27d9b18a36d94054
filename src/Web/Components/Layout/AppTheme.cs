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
        },
    };
}
