using EvalWorkflow.Workflows.Setup;

namespace EvalWorkflow.Web.Hosting;

/// <summary>
/// <c>dotnet run --project src/Web -- create-admin &lt;user&gt; [--bureau &lt;name&gt;]</c>: the first administrator outside demo mode.
/// The password comes from EVALWORKFLOW_ADMIN_PASSWORD or, when that is not set, from a prompt.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "EVALWORKFLOW_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            Console.Error.WriteLine("用法: create-admin <用户名> [--bureau <财政局名称>]");
            return 2;
        }

        var bureauIndex = Array.IndexOf(args, "--bureau");
        var bureau = bureauIndex > 0 && bureauIndex + 1 < args.Length ? args[bureauIndex + 1] : "本级财政局";
        var password = Environment.GetEnvironmentVariable(PasswordVariable) ?? ReadPassword();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine($"未提供密码：请设置 {PasswordVariable} 或在提示时输入");
            return 2;
        }

        await DatabaseInitializer.InitializeAsync(services, seedDemo: false, CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        try
        {
            var user = await scope.ServiceProvider.GetRequiredService<CreateAdmin>().HandleAsync(args[1], password, bureau);
            Console.WriteLine($"已创建财政管理员 {user.UserName}（{bureau}）");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"创建失败：{ex.Message}");
            return 1;
        }
    }

    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine();
        }

        Console.Write("密码: ");
        var password = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return password.ToString();
    }
}
