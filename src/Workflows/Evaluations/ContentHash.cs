using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>The SHA-256 of a canonical form of an evaluation's content: sections in outline order, as UTF-8 JSON.</summary>
public static class ContentHash
{
    public static string Of(IEnumerable<ReportSection> sections)
    {
        var canonical = sections.OrderBy(s => s.Order)
            .Select(s => new[] { s.Code, s.Title, s.Markdown.ReplaceLineEndings("\n") })
            .ToArray();
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(canonical));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
