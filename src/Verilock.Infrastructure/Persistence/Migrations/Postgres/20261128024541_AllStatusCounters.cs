using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AllStatusCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_session_daily_counts_account_id_live_mode_day_sessions",
                table: "session_daily_counts");

            // Existing sessions are counted under "*" (SessionCounters.AllStatuses) too: the sum of their statuses.
            migrationBuilder.Sql("""
                INSERT INTO session_daily_counts (account_id, live_mode, status, day, shard, sessions)
                SELECT account_id, live_mode, '*', day, shard, sum(sessions) FROM session_daily_counts
                GROUP BY account_id, live_mode, day, shard
                """);
            migrationBuilder.Sql("""
                INSERT INTO session_totals (account_id, live_mode, status, shard, sessions)
                SELECT account_id, live_mode, '*', shard, sum(sessions) FROM session_totals
                GROUP BY account_id, live_mode, shard
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM session_daily_counts WHERE status = '*'");
            migrationBuilder.Sql("DELETE FROM session_totals WHERE status = '*'");
            migrationBuilder.CreateIndex(
                name: "ix_session_daily_counts_account_id_live_mode_day_sessions",
                table: "session_daily_counts",
                columns: new[] { "account_id", "live_mode", "day", "sessions" });
        }
    }
}
