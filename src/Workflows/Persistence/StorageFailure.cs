using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EvalWorkflow.Workflows.Persistence;

public enum StorageFailureKind
{
    /// <summary>A concurrency token no longer had the value read: someone else changed the row first.</summary>
    StaleVersion,

    /// <summary>A unique key refused a row another writer had just added (or a bug added twice: see <see cref="StorageFailure.IsDuplicateOn"/>).</summary>
    DuplicateKey,

    /// <summary>The store cannot take writes: disk full, I/O error, read-only, cannot open, out of resources, unreachable.</summary>
    StorageFault,

    /// <summary>Anything else: a real error.</summary>
    Other,
}

/// <summary>
/// What a failed database operation means, for both providers: an expected race (a stale version token, a duplicate
/// unique key), a storage fault, or a real error. Say which race is expected where it is expected:
/// <c>StorageFailure.Of(e).IsDuplicateOn("EvaluationEvents", "EvaluationId", "Sequence")</c>.
/// </summary>
/// <param name="Table">The table of a duplicate key, when the provider names it.</param>
/// <param name="Columns">The columns of a duplicate key, when the provider names them.</param>
/// <param name="Code">The provider's code: SQLite's primary result code name (<c>SQLITE_FULL</c>), PostgreSQL's SQLSTATE.</param>
public sealed partial record StorageFailure(StorageFailureKind Kind, string? Table, IReadOnlyList<string> Columns, string? Code)
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = (6 << 8) | SqliteConstraint;
    private const int SqliteConstraintUnique = (8 << 8) | SqliteConstraint;

    private static readonly Dictionary<int, string> SqliteStorageFaults = new()
    {
        [8] = "SQLITE_READONLY",
        [10] = "SQLITE_IOERR",
        [11] = "SQLITE_CORRUPT",
        [13] = "SQLITE_FULL",
        [14] = "SQLITE_CANTOPEN",
        [26] = "SQLITE_NOTADB",
    };

    /// <summary>A stale version or a duplicate key: the loser of a race, not a fault.</summary>
    public bool IsExpectedRace => Kind is StorageFailureKind.StaleVersion or StorageFailureKind.DuplicateKey;

    /// <summary>Classifies <paramref name="exception"/> (a <see cref="DbUpdateException"/> or a provider exception, possibly wrapped).</summary>
    public static StorageFailure Of(Exception exception)
    {
        if (exception is DbUpdateConcurrencyException)
        {
            return new StorageFailure(StorageFailureKind.StaleVersion, null, [], null);
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SqliteException sqlite:
                    return OfSqlite(sqlite);
                case PostgresException postgres:
                    return OfPostgres(postgres);
                case NpgsqlException npgsql: // no answer from the server at all: the connection failed
                    return new StorageFailure(StorageFailureKind.StorageFault, null, [], npgsql.SqlState);
            }
        }

        return new StorageFailure(StorageFailureKind.Other, null, [], null);
    }

    /// <summary>A duplicate on exactly these columns of this table (the unique index the caller expects to race on).</summary>
    public bool IsDuplicateOn(string table, params string[] columns) =>
        Kind == StorageFailureKind.DuplicateKey && string.Equals(Table, table, StringComparison.Ordinal) && Columns.SequenceEqual(columns);

    private static StorageFailure OfSqlite(SqliteException exception)
    {
        if (exception.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey
            && SqliteUniqueColumns().Match(exception.Message) is { Success: true } match)
        {
            // "UNIQUE constraint failed: EvaluationEvents.EvaluationId, EvaluationEvents.Sequence"
            var qualified = match.Groups["columns"].Value.Split(", ");
            return new StorageFailure(StorageFailureKind.DuplicateKey, qualified[0].Split('.')[0],
                qualified.Select(c => c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..]).ToList(), "SQLITE_CONSTRAINT");
        }

        return SqliteStorageFaults.TryGetValue(exception.SqliteErrorCode & 0xFF, out var name)
            ? new StorageFailure(StorageFailureKind.StorageFault, null, [], name)
            : new StorageFailure(StorageFailureKind.Other, null, [], exception.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static StorageFailure OfPostgres(PostgresException exception)
    {
        var state = exception.SqlState;
        if (state == PostgresErrorCodes.UniqueViolation)
        {
            // Detail: Key ("EvaluationId", "Sequence")=(…, 3) already exists.
            var columns = exception.Detail is { } detail && PostgresKeyColumns().Match(detail) is { Success: true } match
                ? match.Groups["columns"].Value.Split(", ").Select(c => c.Trim('"')).ToList()
                : [];
            return new StorageFailure(StorageFailureKind.DuplicateKey, exception.TableName, columns, state);
        }

        // Class 53 insufficient resources (53100 disk full), class 58 system errors (58030 I/O error), 25006 read-only
        // transaction (a standby), 57P0x the server shutting down or not yet accepting connections.
        return state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal)
            || state == PostgresErrorCodes.ReadOnlySqlTransaction || state.StartsWith("57P0", StringComparison.Ordinal)
            ? new StorageFailure(StorageFailureKind.StorageFault, null, [], state)
            : new StorageFailure(StorageFailureKind.Other, null, [], state);
    }

    [GeneratedRegex(@"(?:UNIQUE|PRIMARY KEY) constraint failed: (?<columns>[^']+)'")]
    private static partial Regex SqliteUniqueColumns();

    [GeneratedRegex(@"^Key \((?<columns>.+?)\)=")]
    private static partial Regex PostgresKeyColumns();
}
