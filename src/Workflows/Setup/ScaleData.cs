using System.Diagnostics;
using System.Security.Cryptography;
using EvalWorkflow.Workflows.Content.Templates;
using EvalWorkflow.Workflows.Deadlines;
using EvalWorkflow.Workflows.Definitions;
using EvalWorkflow.Workflows.Evaluations;
using EvalWorkflow.Workflows.Identity;
using EvalWorkflow.Workflows.Notifications;
using EvalWorkflow.Workflows.Organisation;
using EvalWorkflow.Workflows.Persistence;
using EvalWorkflow.Workflows.Rounds;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EvalWorkflow.Workflows.Setup;

/// <summary>What <see cref="ScaleData.SeedAsync"/> wrote.</summary>
public sealed record ScaleSummary(int Units, int Users, int Rounds, int Evaluations, IReadOnlyDictionary<string, int> Stages,
    int Events, int Notifications, TimeSpan Elapsed);

/// <summary>
/// A province on one machine, for measuring: units with a filer and a head each, <see cref="RoundCount"/> rounds in the
/// demo bureau and their evaluations spread over the stages as in a real year. Every evaluation is made by the aggregate
/// and every act goes through <see cref="Evaluation.Perform"/> and <see cref="HistoryChain"/>, so the task columns and the
/// history chains are the product's own. Notifications are written directly (not through the outbox), so that start-up
/// does not deliver a year of history again.
/// </summary>
public static class ScaleData
{
    public const int RoundCount = 20;
    public const string UnitNamePrefix = "规模测试";
    public const string FilerPrefix = "sfiler";
    public const string HeadPrefix = "shead";
    private const int BatchSize = 1000;

    /// <summary>Per 100,000 evaluations: how many are past drafting, by where they stand now (the rest are drafts).</summary>
    private static readonly (Target Target, int Per100K)[] Spread =
    [
        (Target.Published, 5000), (Target.Approved, 500), (Target.FinanceReview, 900), (Target.Signature, 600), (Target.Returned, 300),
    ];

    /// <summary>Submission deadlines in calendar days from the seeding day: two rounds overdue, several due within days.</summary>
    private static readonly int[] DeadlineOffsets = [-40, -15, -3, 1, 2, 3, 5, 7, 10, 14, 20, 30, 45, 60, 75, 90, 105, 120, 150, 180];

    private static readonly string[] Places = ["示例市", "东城区", "西城区", "南湖区", "北山区", "高新区", "临江县", "青山县", "白水县", "云岭县"];

    private static readonly string[] Offices =
    [
        "教育局", "卫生健康局", "民政局", "交通运输局", "农业农村局", "水利局", "文化旅游局", "自然资源局", "生态环境局", "住房城乡建设局",
        "人力资源社会保障局", "市场监管局", "应急管理局", "统计局", "司法局", "科技局", "商务局", "林业局", "体育局", "医疗保障局",
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英", "建华", "文", "丽", "晓东"];

    private enum Target
    {
        Drafting,
        Returned,
        Signature,
        FinanceReview,
        Approved,
        Published,
    }

    public static string FilerName(int unit) => $"{FilerPrefix}{unit:D5}";

    public static string HeadName(int unit) => $"{HeadPrefix}{unit:D5}";

    /// <exception cref="InvalidOperationException">When the demo bureau is missing, the set was seeded already, or the sizes do not fit.</exception>
    public static async Task<ScaleSummary> SeedAsync(AppDbContext db, UserManager<AppUser> users, TimeProvider clock,
        int unitCount, int evaluationCount, Action<string> progress, CancellationToken ct = default)
    {
        if (unitCount < 1 || evaluationCount < RoundCount || evaluationCount > unitCount * RoundCount)
        {
            throw new InvalidOperationException(
                $"单位数应至少为 1，评价数应在 {RoundCount} 与 单位数×{RoundCount} 之间（每个单位每个批次一份）");
        }

        var bureau = await db.FinanceBureaus.AsNoTracking().SingleOrDefaultAsync(b => b.Name == DemoData.BureauName, ct)
            ?? throw new InvalidOperationException($"没有找到演示财政局「{DemoData.BureauName}」：请在演示模式下初始化数据库");
        if (await db.Users.AnyAsync(u => u.UserName == FilerName(0), ct))
        {
            throw new InvalidOperationException("规模测试数据已经生成过，不再重复生成；如需重来请换一个新的数据库文件");
        }

        var watch = Stopwatch.StartNew();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // everything is added whole, after the aggregate has done its work
        await OpenForBulkAsync(db, ct);
        try
        {
            var units = await AddUnitsAsync(db, bureau.Id, unitCount, ct);
            progress($"单位 {units.Count} 个（{watch.Elapsed.TotalSeconds:F1} 秒）");
            var people = await AddUsersAsync(db, users, units, ct);
            progress($"用户 {people.Count * 2} 个，含角色（{watch.Elapsed.TotalSeconds:F1} 秒）");

            var today = ChinaDate.Today(clock);
            var now = clock.GetUtcNow().UtcDateTime;
            var rounds = Enumerable.Range(0, RoundCount).Select(r => NewRound(bureau.Id, r, today, now)).ToList();
            db.Rounds.AddRange(rounds);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var writer = new Writer(db, await WorkflowAsync(db, ct), people, await FinanceActorsAsync(db, ct), now);
            var plan = Plan(evaluationCount, units.Count);
            var done = 0;
            var building = TimeSpan.Zero;
            foreach (var batch in plan.Chunk(BatchSize))
            {
                var started = watch.Elapsed;
                writer.Begin(rounds);
                foreach (var (round, unit, target, ordinal) in batch)
                {
                    writer.Add(rounds[round], round, units[unit], unit, target, ordinal);
                }

                building += watch.Elapsed - started;
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += batch.Length;
                progress($"评价 {done}/{evaluationCount}（{watch.Elapsed.TotalSeconds:F1} 秒，其中构建 {building.TotalSeconds:F1} 秒）");
            }

            return new ScaleSummary(units.Count, people.Count * 2, rounds.Count, done, writer.Stages, writer.Events, writer.Notifications,
                watch.Elapsed);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Keeps one connection open for the whole seeding, with a large page cache on SQLite: the random (GUID) keys of a
    /// gigabyte of rows otherwise make most index inserts read their pages back from the file.
    /// </summary>
    private static async Task OpenForBulkAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -524288;", ct); // 512 MB, this connection only
        }
    }

    /// <summary>
    /// Opens <paramref name="count"/> more rounds for every scale unit, all drafts due on <paramref name="deadline"/>:
    /// for measuring the reminder scan on a day with a known number of reminders.
    /// </summary>
    /// <returns>How many evaluations were added.</returns>
    public static async Task<int> AddDraftRoundsAsync(AppDbContext db, TimeProvider clock, int count, DateOnly deadline,
        Action<string> progress, CancellationToken ct = default)
    {
        var bureau = await db.FinanceBureaus.AsNoTracking().SingleAsync(b => b.Name == DemoData.BureauName, ct);
        var units = await db.BudgetUnits.AsNoTracking().Where(u => u.Name.StartsWith(UnitNamePrefix)).OrderBy(u => u.Name).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rounds = Enumerable.Range(0, count).Select(r => new EvaluationRound(bureau.Id,
            $"{deadline.Year - 1}年度部门整体支出绩效自评·{UnitNamePrefix}到期批{r + 1:D2}（{deadline:MM-dd}）", deadline.Year - 1, deadline,
            BuiltInDefinitions.DefaultKey, BuiltInTemplates.HunanKey, now)).ToList();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await OpenForBulkAsync(db, ct);
        try
        {
            db.Rounds.AddRange(rounds);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            var writer = new Writer(db, await WorkflowAsync(db, ct), [], await FinanceActorsAsync(db, ct), now);
            var plan = rounds.SelectMany((_, r) => units.Select((_, u) => (r, u))).ToList();
            var done = 0;
            foreach (var batch in plan.Chunk(BatchSize))
            {
                writer.Begin(rounds);
                foreach (var (round, unit) in batch)
                {
                    writer.AddDraft(rounds[round], units[unit]);
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += batch.Length;
                progress($"到期批次评价 {done}/{plan.Count}");
            }

            return done;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<BudgetUnit>> AddUnitsAsync(AppDbContext db, Guid bureauId, int count, CancellationToken ct)
    {
        var units = new List<BudgetUnit>(count);
        for (var i = 0; i < count; i++)
        {
            // Every fifth unit is a sub-unit (二级单位) of the unit four places before it.
            var parent = i % 5 == 4 ? units[i - 4].Id : (Guid?)null;
            var name = $"{UnitNamePrefix}{Places[i % Places.Length]}{Offices[i / Places.Length % Offices.Length]}{(parent is null ? "" : "下属中心")}{i + 1:D5}";
            units.Add(new BudgetUnit(name, bureauId, parent));
        }

        db.BudgetUnits.AddRange(units);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return units;
    }

    /// <summary>A filer and a head per unit, as <see cref="UserManager{TUser}.CreateAsync(TUser, string)"/> would store them, with one password hash for all.</summary>
    private static async Task<List<(Actor Filer, Actor Head)>> AddUsersAsync(AppDbContext db, UserManager<AppUser> users,
        IReadOnlyList<BudgetUnit> units, CancellationToken ct)
    {
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var hash = users.PasswordHasher.HashPassword(new AppUser(), DemoData.Password); // once: hashing is slow by design
        var people = new List<(Actor, Actor)>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            var filer = NewUser(users, FilerName(i), PersonName(2 * i), units[i].Id, hash);
            var head = NewUser(users, HeadName(i), PersonName((2 * i) + 1), units[i].Id, hash);
            db.Users.AddRange(filer, head);
            db.UserRoles.AddRange(
                new IdentityUserRole<string> { UserId = filer.Id, RoleId = roleIds[Roles.Filer] },
                new IdentityUserRole<string> { UserId = head.Id, RoleId = roleIds[Roles.UnitHead] });
            people.Add((new Actor(filer.Id, filer.DisplayName, new HashSet<string> { Roles.Filer }, units[i].Id, null),
                new Actor(head.Id, head.DisplayName, new HashSet<string> { Roles.UnitHead }, units[i].Id, null)));
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return people;
    }

    private static AppUser NewUser(UserManager<AppUser> users, string userName, string displayName, Guid unitId, string passwordHash)
    {
        var email = $"{userName}@{DemoData.EmailDomain}";
        return new AppUser
        {
            UserName = userName,
            NormalizedUserName = users.NormalizeName(userName),
            Email = email,
            NormalizedEmail = users.NormalizeEmail(email),
            DisplayName = displayName,
            UnitId = unitId,
            LockoutEnabled = true,
            PasswordHash = passwordHash,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
        };
    }

    private static string PersonName(int n) => Surnames[n % Surnames.Length] + GivenNames[n / Surnames.Length % GivenNames.Length];

    private static EvaluationRound NewRound(Guid bureauId, int index, DateOnly today, DateTime nowUtc)
    {
        var fiscalYear = today.Year - (index % 5 == 4 ? 2 : 1);
        var kind = index % 5 is 1 or 3 ? RoundKind.Project : RoundKind.Overall;
        var deadline = today.AddDays(DeadlineOffsets[index]);
        return new EvaluationRound(bureauId, $"{fiscalYear}年度{RoundKinds.Label(kind)}·{UnitNamePrefix}第{index + 1:D2}批", fiscalYear,
            deadline, BuiltInDefinitions.DefaultKey, BuiltInTemplates.HunanKey, nowUtc.AddDays(-120), deadline.AddDays(45), kind);
    }

    /// <summary>
    /// Which unit files in which round and where each evaluation stands: the rounds share the evaluations evenly, each
    /// unit at most once per round; the evaluations past drafting go mostly to the earlier rounds.
    /// </summary>
    private static List<(int Round, int Unit, Target Target, int Ordinal)> Plan(int evaluations, int units)
    {
        var perRound = Enumerable.Range(0, RoundCount).Select(r => (evaluations / RoundCount) + (r < evaluations % RoundCount ? 1 : 0)).ToArray();
        var advanced = Enumerable.Range(0, RoundCount).Select(_ => new List<(Target, int)>()).ToArray();
        var weighted = Enumerable.Range(0, RoundCount).SelectMany(r => Enumerable.Repeat(r, RoundCount - r)).ToArray();
        var cursor = 0;
        foreach (var (target, per100K) in Spread)
        {
            var count = Math.Max(1, (int)Math.Round((double)evaluations * per100K / 100_000));
            for (var ordinal = 0; ordinal < count; ordinal++)
            {
                // Round by round in proportion to the weights, skipping a round that is full; stops when all are full.
                for (var tries = 0; tries < weighted.Length; tries++, cursor++)
                {
                    var round = weighted[cursor % weighted.Length];
                    if (advanced[round].Count < perRound[round])
                    {
                        advanced[round].Add((target, ordinal));
                        cursor++;
                        break;
                    }
                }
            }
        }

        var plan = new List<(int, int, Target, int)>(evaluations);
        for (var round = 0; round < RoundCount; round++)
        {
            var start = round * 7919 % units; // each round starts elsewhere, so a unit is not advanced in every round
            for (var i = 0; i < perRound[round]; i++)
            {
                var (target, ordinal) = i < advanced[round].Count ? advanced[round][i] : (Target.Drafting, i);
                plan.Add((round, (start + i) % units, target, ordinal));
            }
        }

        return plan;
    }

    private static async Task<(WorkflowDefinition Definition, EvaluationTemplate Template)> WorkflowAsync(AppDbContext db, CancellationToken ct)
    {
        var definition = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.Key == BuiltInDefinitions.DefaultKey)
            .OrderByDescending(d => d.Version).FirstAsync(ct);
        var template = await db.Templates.AsNoTracking().SingleAsync(t => t.Id == BuiltInTemplates.HunanId, ct);
        return (definition, template);
    }

    private static async Task<Actor[]> FinanceActorsAsync(AppDbContext db, CancellationToken ct)
    {
        var actors = new List<Actor>();
        foreach (var name in new[] { "reviewer1", "reviewer2", "admin1" })
        {
            var id = await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync(ct);
            actors.Add(await Actor.LoadAsync(db, id, ct: ct) ?? throw new InvalidOperationException(name));
        }

        return [.. actors];
    }

    /// <summary>Builds evaluations through the aggregate and adds them, whole, to the current batch.</summary>
    private sealed class Writer(AppDbContext db, (WorkflowDefinition Definition, EvaluationTemplate Template) workflow,
        IReadOnlyList<(Actor Filer, Actor Head)> people, Actor[] finance, DateTime nowUtc)
    {
        private readonly Dictionary<string, int> stages = [];

        public IReadOnlyDictionary<string, int> Stages => stages;
        public int Events { get; private set; }
        public int Notifications { get; private set; }

        private Actor Reviewer1 => finance[0];
        private Actor Reviewer2 => finance[1];
        private Actor Admin => finance[2];

        /// <summary>After the change tracker was cleared: what the new evaluations point at is there already.</summary>
        public void Begin(IEnumerable<EvaluationRound> rounds)
        {
            db.AttachRange(rounds);
            db.Attach(workflow.Definition);
            db.Attach(workflow.Template);
        }

        public void AddDraft(EvaluationRound round, BudgetUnit unit) => Save(New(round, unit));

        public void Add(EvaluationRound round, int roundIndex, BudgetUnit unit, int unitIndex, Target target, int ordinal)
        {
            var evaluation = New(round, unit);
            var (filer, head) = people[unitIndex];
            if (target == Target.Drafting)
            {
                // A few "new round" notifications per filer, spread over the rounds.
                if ((roundIndex + unitIndex) % 7 == 0)
                {
                    Notify(filer.UserId, Guid.NewGuid(), evaluation, round, unit, "待您处理：起草", $"{Admin.DisplayName}开启了评价批次，当前阶段：起草。",
                        round.CreatedAtUtc, read: unitIndex % 2 == 0);
                }

                Save(evaluation);
                return;
            }

            // The current stage was entered some days ago, the acts before it a day apart: some are overdue, some due soon.
            var daysAgo = target switch
            {
                Target.Signature => ordinal % 7,
                Target.FinanceReview => ordinal % 16,
                Target.Approved => ordinal % 10,
                Target.Published => 3 + (ordinal % 40),
                _ => ordinal % 10,
            };
            var reviewer = ordinal % 3 == 2 ? Reviewer2 : Reviewer1;
            var acts = new List<(WorkflowAct Act, Actor Actor, string? Comment)> { (WorkflowAct.Submit, filer, null) };
            if (target != Target.Signature)
            {
                acts.Add((WorkflowAct.Sign, head, null));
            }

            switch (target)
            {
                case Target.Returned:
                    acts.Add((WorkflowAct.Claim, Reviewer1, null));
                    acts.Add((WorkflowAct.Return, Reviewer1, "请补充项目支出绩效目标完成情况的说明，并核对基础数据表中的三公经费。"));
                    break;
                case Target.FinanceReview when ordinal % 12 < 7: // about a third claimed by reviewer1, a quarter by reviewer2
                    acts.Add((WorkflowAct.Claim, ordinal % 12 < 4 ? Reviewer1 : Reviewer2, null));
                    break;
                case Target.Approved or Target.Published:
                    acts.Add((WorkflowAct.Claim, reviewer, null));
                    acts.Add((WorkflowAct.Approve, reviewer, null));
                    if (target == Target.Published)
                    {
                        acts.Add((WorkflowAct.Publish, Admin, null));
                    }

                    break;
            }

            var last = nowUtc.AddDays(-daysAgo).AddHours(-1 - (ordinal % 5));
            var startedAt = last.AddDays(-acts.Count);
            Fill(evaluation, filer, startedAt.AddHours(-2));
            EvaluationEvent? previous = null;
            for (var i = 0; i < acts.Count; i++)
            {
                var (act, actor, comment) = acts[i];
                var entry = evaluation.Perform(act, actor, comment, last.AddDays(i - acts.Count + 1));
                HistoryChain.AppendAfter(db, evaluation, previous, entry);
                previous = entry;
                Events++;
            }

            NotifyAbout(evaluation, round, unit, filer, head, previous!);
            Save(evaluation);
        }

        private Evaluation New(EvaluationRound round, BudgetUnit unit)
        {
            if (db.Entry(unit).State == EntityState.Detached)
            {
                db.Attach(unit);
            }

            return new Evaluation(round, unit, workflow.Definition, workflow.Template);
        }

        /// <summary>The example package, as the filer would save it, every table marked complete.</summary>
        private static void Fill(Evaluation evaluation, Actor filer, DateTime atUtc)
        {
            var blank = evaluation.Content();
            evaluation.ReplaceContent(ExampleContent.HealthBureau(blank.Sections, blank.Overall.Id, Guid.NewGuid()), filer);
            foreach (var part in evaluation.Parts.ToList())
            {
                evaluation.MarkPartReady(part.Id, true, filer, atUtc);
            }
        }

        private void NotifyAbout(Evaluation evaluation, EvaluationRound round, BudgetUnit unit, Actor filer, Actor head, EvaluationEvent last)
        {
            var stageName = evaluation.WorkflowDefinition.Body.Stage(evaluation.Stage).Name;
            var body = $"{last.ActorName}{WorkflowActs.Label(last.Act)}，当前阶段：{stageName}。" + (last.Comment is null ? "" : $"意见：{last.Comment}");
            switch (evaluation.Stage)
            {
                case Definitions.Stages.AwaitingSignature:
                    Notify(head.UserId, last.Id, evaluation, round, unit, $"待您处理：{stageName}", body, last.OccurredAtUtc, read: false);
                    break;
                case Definitions.Stages.Drafting:
                    Notify(filer.UserId, last.Id, evaluation, round, unit, "已被退回", body, last.OccurredAtUtc, read: false);
                    break;
                case Definitions.Stages.FinanceReview:
                    foreach (var reviewer in new[] { Reviewer1, Reviewer2 })
                    {
                        Notify(reviewer.UserId, last.Id, evaluation, round, unit, $"待您处理：{stageName}", body, last.OccurredAtUtc,
                            read: evaluation.ClaimedById is not null);
                    }

                    break;
                case Definitions.Stages.Approved:
                    Notify(Admin.UserId, last.Id, evaluation, round, unit, $"待您处理：{stageName}", body, last.OccurredAtUtc, read: false);
                    break;
                case Definitions.Stages.Published when stages.GetValueOrDefault(Definitions.Stages.Published) % 5 == 0:
                    Notify(filer.UserId, last.Id, evaluation, round, unit, "已公开", body, last.OccurredAtUtc, read: true);
                    Notify(head.UserId, last.Id, evaluation, round, unit, "已公开", body, last.OccurredAtUtc, read: true);
                    break;
            }
        }

        private void Notify(string userId, Guid eventId, Evaluation evaluation, EvaluationRound round, BudgetUnit unit, string what,
            string body, DateTime atUtc, bool read)
        {
            var notification = new Notification(eventId, userId, evaluation.Id, $"{unit.Name}《{round.Title}》{what}", body, atUtc);
            if (read)
            {
                notification.MarkRead(atUtc.AddHours(2));
            }

            db.Notifications.Add(notification);
            Notifications++;
        }

        private void Save(Evaluation evaluation)
        {
            db.Evaluations.Add(evaluation);
            stages[evaluation.Stage] = stages.GetValueOrDefault(evaluation.Stage) + 1;
        }
    }
}
