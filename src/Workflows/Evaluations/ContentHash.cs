using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EvalWorkflow.Workflows.Content;

namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>
/// The SHA-256 of a canonical form of an evaluation's whole content — the report's sections in outline order and every
/// table — as compact UTF-8 JSON with the document's fixed property order and line endings as LF.
/// </summary>
public static class ContentHash
{
    public static string Of(EvaluationContent content)
    {
        var json = JsonSerializer.Serialize(content).Replace("\\r\\n", "\\n", StringComparison.Ordinal);
        return Hex(json);
    }

    public static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
