using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProfilesApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_profiles_account_id",
                table: "profiles");

            migrationBuilder.AddColumn<DateTime>(
                name: "deleted_at",
                table: "profiles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "live_mode",
                table: "profiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "updated_at",
                table: "profiles",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Profiles made before modes belong to live mode if a live session used one, else to test mode (the
            // command line's default); they were last changed when made. Runs once, over the few profiles there are.
            migrationBuilder.Sql(
                "UPDATE profiles SET updated_at = created_at, live_mode = EXISTS (SELECT 1 FROM sessions " +
                "WHERE sessions.profile_id = profiles.id AND sessions.live_mode = TRUE);");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_account_id_live_mode_created_at_id",
                table: "profiles",
                columns: new[] { "account_id", "live_mode", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_profiles_account_id_live_mode_created_at_id",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "live_mode",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "profiles");

            migrationBuilder.CreateIndex(
                name: "ix_profiles_account_id",
                table: "profiles",
                column: "account_id");
        }
    }
}
