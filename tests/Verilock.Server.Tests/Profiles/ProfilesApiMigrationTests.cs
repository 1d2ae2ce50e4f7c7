using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Verilock.Domain.Accounts;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Profiles;

/// <summary>
/// The <c>ProfilesApi</c> migration over profiles made before modes: each goes to live mode if a live session used it,
/// else to test mode (the command line's default), and counts as last changed when it was made.
/// </summary>
public abstract class ProfilesApiMigrationTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTime Made = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    public async ValueTask InitializeAsync()
    {
        if (database is PostgresTestDatabase postgres && database.Unavailable is null)
            await postgres.CreateAsync();
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private VerilockDbContext NewContext()
    {
        if (database.Provider == "postgres")
        {
            var postgres = new DbContextOptionsBuilder<PostgresVerilockDbContext>();
            DatabaseRegistration.ConfigurePostgres(postgres, database.ConnectionString!);
            return new PostgresVerilockDbContext(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteVerilockDbContext>();
        DatabaseRegistration.ConfigureSqlite(sqlite, $"Data Source={Path.Combine(database.DataDirectory, "migrate.db")}");
        return new SqliteVerilockDbContext(sqlite.Options);
    }

    [Fact]
    public async Task Profiles_from_before_modes_take_the_mode_of_the_sessions_that_used_them()
    {
        if (database.Unavailable is { } reason)
            Assert.Skip(reason);
        await using (var db = NewContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_ProfilesApi", StringComparison.Ordinal));
            Assert.True(index > 0, "No ProfilesApi migration");
            await db.GetService<IMigrator>().MigrateAsync(migrations[index - 1]);
        }

        var account = Guid.NewGuid();
        var (usedLive, usedInTest, unused) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var db = NewContext())
        {
            db.Accounts.Add(new Account { Id = account, Name = "before-modes", CreatedAt = Made });
            await db.SaveChangesAsync();
            const string settings = """{"steps":["document"],"liveness_mode":"passive","liveness_threshold":75,"liveness_challenges":["blink"],"document_types":["passport"],"aml_threshold":0.9}""";
            foreach (var id in new[] { usedLive, usedInTest, unused })
                await db.Database.ExecuteSqlAsync($"INSERT INTO profiles (id, account_id, name, settings, created_at) VALUES ({id}, {account}, {"old"}, {settings}, {Made})");
            // The sessions are written by today's model: the session columns later migrations add (OrchestrationRules: the
            // rule log) exist only for this insert.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE sessions ADD COLUMN rule_log TEXT");
            db.Sessions.Add(SessionWith(account, live: true, usedLive));
            db.Sessions.Add(SessionWith(account, live: false, usedLive));
            db.Sessions.Add(SessionWith(account, live: false, usedInTest));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE sessions DROP COLUMN rule_log");
        }

        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            var profiles = await db.Profiles.AsNoTracking().Where(p => p.AccountId == account).ToDictionaryAsync(p => p.Id);
            Assert.True(profiles[usedLive].LiveMode);
            Assert.False(profiles[usedInTest].LiveMode);
            Assert.False(profiles[unused].LiveMode);
            Assert.All(profiles.Values, p =>
            {
                Assert.Equal(Made, p.CreatedAt);
                Assert.Equal(Made, p.UpdatedAt);
                Assert.Null(p.DeletedAt);
                Assert.Equal("old", p.Name);
                Assert.Equal(0.9m, p.Settings.AmlThreshold);
                Assert.Equal(["blink"], p.Settings.LivenessChallenges);
                Assert.False(p.Settings.FaceDuplicateCheck);
            });
        }
    }

    private static Session SessionWith(Guid account, bool live, Guid profile) => Session.Create(
        new Session.CreateArgs(account, live, ProfileSettings.Defaults([VerificationStep.Document]), profile, Applicant.Empty, null,
            new Dictionary<string, object?>(), null, null, false, TimeSpan.FromHours(1)),
        Made);
}

public sealed class ProfilesApiMigrationTestsOnSqlite() : ProfilesApiMigrationTests(new SqliteTestDatabase());

public sealed class ProfilesApiMigrationTestsOnPostgres() : ProfilesApiMigrationTests(new PostgresTestDatabase());
