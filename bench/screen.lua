-- POST /api/v1/aml/screen with a live key: names from the labelled set's style, a third of them listed
-- (real UN/OFAC entries), the rest not; each with a birth date, as the session step screens.
local bodies = {
  '{"full_name":"Eric Badege","date_of_birth":"1971","nationality":"CD"}',
  '{"full_name":"Patricia Lucas Wheeler","date_of_birth":"2002-07-14","nationality":"ET"}',
  '{"full_name":"Jean Dupont","date_of_birth":"1990-05-15","nationality":"FR"}',
  '{"first_name":"Mohammed","last_name":"Omar","date_of_birth":"1960"}',
  '{"full_name":"Maria Garcia Lopez","date_of_birth":"1985-03-15","nationality":"ES"}',
  '{"full_name":"Ahmad Shah Massoud Ltd","date_of_birth":"1975-01-01"}',
}
local i = 0
local headers = { ["X-API-Key"] = os.getenv("VERILOCK_BENCH_KEY"), ["Content-Type"] = "application/json" }
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/aml/screen", headers, bodies[(i % #bodies) + 1])
end
