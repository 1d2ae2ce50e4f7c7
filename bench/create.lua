-- POST /api/v1/sessions: the issue's create body, with the benchmark account's API key.
wrk.method = "POST"
wrk.headers["X-API-Key"] = os.getenv("VERILOCK_BENCH_KEY")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"steps":["document","selfie","face_match"],"applicant":{"first_name":"Jean","last_name":"Dupont"}}'
