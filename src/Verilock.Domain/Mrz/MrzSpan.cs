namespace Verilock.Domain.Mrz;

/// <summary>A field's place in the zone: line index and 0-based start within that line.</summary>
internal readonly record struct MrzSpan(int Line, int Start, int Length)
{
    public string Read(IReadOnlyList<string> lines) => lines[Line].Substring(Start, Length);

    public IEnumerable<(int Line, int Index)> Positions()
    {
        for (var index = Start; index < Start + Length; index++)
            yield return (Line, index);
    }
}
