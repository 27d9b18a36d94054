namespace EvalWorkflow.Workflows.Persistence;

/// <summary>
/// SQL that fills new copied columns for rows written before the columns existed, shared by the SQLite and the
/// PostgreSQL migration sets (quoted names, standard SQL: both providers run it as is).
/// </summary>
internal static class Backfills
{
    /// <summary>The listing columns of every listed revision: published, not superseded.</summary>
    public const string ListedEvaluations =
        """
        UPDATE "Evaluations" SET
            "ListedFiscalYear" = (SELECT r."FiscalYear" FROM "Rounds" r WHERE r."Id" = "Evaluations"."RoundId"),
            "ListedRoundTitle" = (SELECT r."Title" FROM "Rounds" r WHERE r."Id" = "Evaluations"."RoundId"),
            "ListedUnitName" = (SELECT u."Name" FROM "BudgetUnits" u WHERE u."Id" = "Evaluations"."UnitId")
        WHERE "Stage" = 'Published' AND "PublishedAtUtc" IS NOT NULL AND "SupersededById" IS NULL;
        """;

    /// <summary>One involvement per (person, evaluation) from the history: the person's last row on it.</summary>
    public const string Involvements =
        """
        INSERT INTO "Involvements" ("UserId", "EvaluationId", "UnitId", "ParentUnitId", "FinanceBureauId", "LastAct", "LastActAtUtc")
        SELECT h."ActorId", h."EvaluationId", e."UnitId", e."ParentUnitId", e."FinanceBureauId", h."Act", h."OccurredAtUtc"
        FROM "EvaluationEvents" h JOIN "Evaluations" e ON e."Id" = h."EvaluationId"
        WHERE NOT EXISTS (SELECT 1 FROM "EvaluationEvents" l
            WHERE l."ActorId" = h."ActorId" AND l."EvaluationId" = h."EvaluationId" AND l."Sequence" > h."Sequence");
        """;
}
