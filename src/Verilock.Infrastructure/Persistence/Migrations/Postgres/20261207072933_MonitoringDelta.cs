using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MonitoringDelta : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aml_monitoring_bases",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    engine = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    lists = table.Column<string>(type: "text", nullable: false),
                    fingerprints = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aml_monitoring_bases", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "aml_monitoring_state",
                columns: table => new
                {
                    monitored_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    last_run_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_run_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    basis_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aml_monitoring_state", x => x.monitored_id);
                });

            // Every run rewrites every row (none of the columns it sets is indexed): with room left on each page the new
            // version stays beside the old one (a HOT update), so the primary key is not touched and the table does not grow.
            migrationBuilder.Sql("ALTER TABLE aml_monitoring_state SET (fillfactor = 50);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aml_monitoring_bases");

            migrationBuilder.DropTable(
                name: "aml_monitoring_state");
        }
    }
}
