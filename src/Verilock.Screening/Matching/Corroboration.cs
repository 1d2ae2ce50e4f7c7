using Verilock.Screening.Model;

namespace Verilock.Screening.Matching;

/// <summary>
/// Spec §11.1's adjustments of a name score by the other facts given: exact birth date +0.05,
/// birth years more than one apart ×0.7, a different nationality ×0.9, capped at 1. A fact the
/// list does not hold changes nothing.
/// </summary>
internal static class Corroboration
{
    private const double ExactBirthDateBonus = 0.05;
    private const double BirthYearConflictFactor = 0.7;
    private const double NationalityConflictFactor = 0.9;

    public enum BirthDateAgreement
    {
        /// <summary>No date on one side.</summary>
        Unknown,
        /// <summary>Years more than one apart for every listed date.</summary>
        Conflict,
        /// <summary>Within a year, or the same year with a different month or day.</summary>
        Near,
        /// <summary>Agree as far as both go (the same year when the list gives only a year, a year inside a listed range).</summary>
        Consistent,
        /// <summary>The same date at the same precision.</summary>
        Exact,
    }

    public static (BirthDateAgreement Agreement, BirthDate? Matched) CompareBirthDate(BirthDate? query, IReadOnlyList<BirthDate> listed)
    {
        if (query is null || listed.Count == 0)
            return (BirthDateAgreement.Unknown, null);
        var best = (Agreement: BirthDateAgreement.Conflict, Matched: (BirthDate?)null);
        foreach (var date in listed)
        {
            var agreement = Compare(query, date);
            if (agreement > best.Agreement)
                best = (agreement, date);
        }
        return best;
    }

    private static BirthDateAgreement Compare(BirthDate query, BirthDate listed)
    {
        if (listed.IsRange)
        {
            if (query.Year >= listed.Year && query.Year <= listed.ToYear)
                return BirthDateAgreement.Consistent;
            return query.Year >= listed.Year - 1 && query.Year <= listed.ToYear + 1 ? BirthDateAgreement.Near : BirthDateAgreement.Conflict;
        }
        if (query.Year != listed.Year)
            return Math.Abs(query.Year - listed.Year) <= 1 ? BirthDateAgreement.Near : BirthDateAgreement.Conflict;
        if (query.Month is { } qm && listed.Month is { } lm && qm != lm
            || query.Day is { } qd && listed.Day is { } ld && qd != ld)
            return BirthDateAgreement.Near;
        return query.Month == listed.Month && query.Day == listed.Day ? BirthDateAgreement.Exact : BirthDateAgreement.Consistent;
    }

    public static double Adjust(double nameScore, BirthDateAgreement birthDate, bool? nationalityAgrees)
    {
        var score = nameScore;
        if (birthDate == BirthDateAgreement.Exact)
            score += ExactBirthDateBonus;
        else if (birthDate == BirthDateAgreement.Conflict)
            score *= BirthYearConflictFactor;
        if (nationalityAgrees == false)
            score *= NationalityConflictFactor;
        return Math.Min(1, score);
    }

    /// <summary>The most a name score can gain from corroboration (used to skip hopeless candidates).</summary>
    public static double MaxGain => ExactBirthDateBonus;
}
