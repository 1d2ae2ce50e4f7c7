-- GET with the benchmark account's API key (exported by sessions-load.sh).
wrk.headers["X-API-Key"] = os.getenv("VERILOCK_BENCH_KEY")
