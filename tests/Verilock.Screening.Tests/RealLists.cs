using Verilock.Screening.Evaluation;
using Verilock.Screening.Lists;
using Verilock.Screening.Model;

namespace Verilock.Screening.Tests;

/// <summary>
/// The real UN and OFAC snapshots from <c>../shared/data</c>, parsed and indexed once per test run.
/// Tests that need them skip, saying why, where the shared folder is absent (CI always has it).
/// </summary>
public static class RealLists
{
    private static readonly Lazy<string?> Data = new(() => SharedData.Find());
    private static readonly Lazy<SanctionsList> UnList = new(() => Load(KnownLists.UnSecurityCouncil));
    private static readonly Lazy<SanctionsList> OfacList = new(() => Load(KnownLists.OfacSdn));
    private static readonly Lazy<ScreeningIndex> BothIndex = new(() => ScreeningIndex.Build([UnList.Value, OfacList.Value]));

    public static string DataDirectory => Data.Value ?? Skip();

    public static SanctionsList Un => Require(UnList);

    public static SanctionsList Ofac => Require(OfacList);

    public static ScreeningIndex Index => Require(BothIndex);

    private static T Require<T>(Lazy<T> value)
    {
        _ = DataDirectory;
        return value.Value;
    }

    private static SanctionsList Load(string listId) =>
        ListsDirectory.LoadList(SharedData.Sanctions(DataDirectory), listId, DateTimeOffset.UtcNow);

    private static string Skip()
    {
        Assert.Skip("The real list snapshots are not here: ../shared/data was not found beside the folder holding Verilock.sln.");
        return null!;
    }
}
