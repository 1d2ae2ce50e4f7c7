using System.Text.Json;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Rules;

/// <summary>
/// The values rule conditions test, taken from a session's checks (spec §18). A value is a <see cref="decimal"/>,
/// a <see cref="string"/>, a <see cref="bool"/> or, for <c>session.steps</c>, a list of strings; a field whose step did
/// not run (no details) is absent, so only <c>is_null</c>/<c>is_not_null</c> can match it.
/// </summary>
public sealed class RuleFacts
{
    private readonly Dictionary<string, object> _values;
    private readonly IReadOnlyDictionary<string, object?> _metadata;

    public RuleFacts(IReadOnlyDictionary<string, object> values, IReadOnlyDictionary<string, object?> metadata)
    {
        _values = new Dictionary<string, object>(values, StringComparer.Ordinal);
        _metadata = metadata;
    }

    /// <summary>The field's value, or null when it has none.</summary>
    public object? Get(string field)
    {
        if (_values.TryGetValue(field, out var value))
            return value;
        if (!field.StartsWith(RuleCatalogue.MetadataPrefix, StringComparison.Ordinal))
            return null;
        return _metadata.TryGetValue(field[RuleCatalogue.MetadataPrefix.Length..], out var raw) ? Scalar(raw) : null;
    }

    /// <summary>
    /// The facts of <paramref name="session"/> with the check results <paramref name="results"/> and the risk they gave;
    /// <c>person.age</c> is counted in whole years at <paramref name="at"/>.
    /// </summary>
    public static RuleFacts For(
        Session session, IReadOnlyDictionary<VerificationStep, StepResult> results, int? riskScore, string? riskLevel, DateTime at)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["session.steps"] = session.Steps.Select(s => s.ToWire()).ToArray(),
        };
        if (riskScore is { } score)
            values["risk_score"] = (decimal)score;
        if (riskLevel is not null)
            values["risk_level"] = riskLevel;

        var document = results.GetValueOrDefault(VerificationStep.Document)?.Details as DocumentStepDetails;
        if (document is not null)
        {
            if ((document.DocumentType ?? session.Document?.Type) is { } type)
                values["document.type"] = type;
            if (document.IssuingCountry is { } issuer)
                values["document.issuing_country"] = issuer;
            values["document.expired"] = document.DocumentExpired;
        }
        if (results.GetValueOrDefault(VerificationStep.FaceMatch) is { Details: FaceMatchStepDetails { Similarity: { } similarity } })
            values["face_match.similarity"] = (decimal)similarity;
        if (results.GetValueOrDefault(VerificationStep.Liveness) is { Details: LivenessStepDetails, Score: { } liveness })
            values["liveness.score"] = (decimal)liveness;
        if (results.GetValueOrDefault(VerificationStep.Aml) is { Details: AmlStepDetails } aml)
        {
            // A screening with a match at or above the threshold leaves the step pending (spec §9).
            values["aml.status"] = aml.Status == StepOutcome.Approved ? "clear" : "match";
            values["aml.highest_score"] = (decimal)(aml.Score ?? 0);
        }
        if ((document?.DateOfBirth ?? session.Applicant.DateOfBirth) is { } born)
            values["person.age"] = (decimal)AgeAt(born, DateOnly.FromDateTime(at));
        if ((document?.Nationality ?? session.Applicant.Nationality) is { } nationality)
            values["person.nationality"] = nationality;
        return new RuleFacts(values, session.Metadata);
    }

    public static int AgeAt(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year;
        if (on < born.AddYears(age))
            age--;
        return Math.Max(0, age);
    }

    /// <summary>Metadata as stored (JSON elements) or as given (CLR values), as a fact value; null for anything else.</summary>
    private static object? Scalar(object? raw) => raw switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        string s => s,
        bool b => b,
        int i => (decimal)i,
        long l => (decimal)l,
        double d => (decimal)d,
        decimal m => m,
        _ => null,
    };
}
