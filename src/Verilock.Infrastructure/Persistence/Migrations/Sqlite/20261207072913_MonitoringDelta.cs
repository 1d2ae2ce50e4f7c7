using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verilock.Infrastructure.Persistence.Migrations.Sqlite
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
                    key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    engine = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    lists = table.Column<string>(type: "TEXT", nullable: false),
                    fingerprints = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aml_monitoring_bases", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "aml_monitoring_state",
                columns: table => new
                {
                    monitored_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    last_run_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_run_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    basis_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aml_monitoring_state", x => x.monitored_id);
                });
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
