namespace EvalWorkflow.Workflows.Evaluations;

/// <summary>The unit head's signature: who signed, when, and the SHA-256 of the exact content signed.</summary>
public sealed record Signature(string SignerId, string SignerName, DateTime SignedAtUtc, string ContentSha256);
