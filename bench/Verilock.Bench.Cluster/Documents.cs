using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Verilock.Checks.Samples;

/// <summary>Document-check throughput: live document-only sessions, read by the real OCR on the instances' workers.</summary>
static class Documents
{
    private static readonly string[] DocumentStep = ["document"];

    public static async Task MeasureAsync(string label, Api api, IReadOnlyList<SamplePhoto> photos, int count, int concurrency)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = new string[count];
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var photo = photos[i % photos.Count];
            var document = photo.Document;
            var reference = string.Create(CultureInfo.InvariantCulture, $"doc-{run}-{i}");
            var body = JsonSerializer.Serialize(new
            {
                steps = DocumentStep,
                applicant = new
                {
                    first_name = document.GivenNames,
                    last_name = document.Surname,
                    date_of_birth = document.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                reference_id = reference,
            });
            var id = (await api.PostJsonAsync("/api/v1/sessions", body, reference + "/create", HttpStatusCode.Created)).GetProperty("id").GetString()!;
            var type = document.Layout == SampleLayout.Passport ? "passport" : "residence_permit";
            await api.PostFormAsync($"/api/v1/sessions/{id}/documents", () => Api.File("front", photo.Bytes, ("type", type)),
                reference + "/document", HttpStatusCode.OK);
            await api.PostAsync($"/api/v1/sessions/{id}/submit", reference + "/submit", HttpStatusCode.Accepted);
            ids[i] = id;
        });
        var outcomes = new Dictionary<string, int>();
        foreach (var id in ids)
        {
            while (true)
            {
                var session = await api.GetAsync($"/api/v1/sessions/{id}");
                if (session.GetProperty("decision").ValueKind == JsonValueKind.String)
                {
                    var decision = session.GetProperty("decision").GetString()!;
                    outcomes[decision] = outcomes.GetValueOrDefault(decision) + 1;
                    break;
                }
                await Task.Delay(100);
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"documents, {label}: {count} live sessions submitted and decided in {seconds:F1} s = {count / seconds:F2} documents/s " +
            $"({string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))})");
    }
}
