namespace Verilock.Domain.Mrz;

/// <summary>Where each field sits in one MRZ format (ICAO 9303 Parts 4–7).</summary>
internal sealed class MrzLayout
{
    public required MrzFormat Format { get; init; }
    public required int LineCount { get; init; }
    public required int LineLength { get; init; }
    public required MrzSpan DocumentCode { get; init; }
    public required MrzSpan IssuingState { get; init; }
    public required MrzSpan Name { get; init; }
    public required MrzSpan DocumentNumber { get; init; }
    public required MrzSpan DocumentNumberCheck { get; init; }
    public required MrzSpan Nationality { get; init; }
    public required MrzSpan DateOfBirth { get; init; }
    public required MrzSpan DateOfBirthCheck { get; init; }
    public required MrzSpan Sex { get; init; }
    public required MrzSpan ExpiryDate { get; init; }
    public required MrzSpan ExpiryDateCheck { get; init; }

    /// <summary>The optional data fields in reading order (TD1 has two).</summary>
    public required IReadOnlyList<MrzSpan> OptionalData { get; init; }

    /// <summary>Only TD3 gives its optional data (personal number) a check digit.</summary>
    public MrzSpan? OptionalDataCheck { get; init; }

    /// <summary>Visas have no composite check digit.</summary>
    public MrzSpan? Composite { get; init; }

    /// <summary>The spans the composite check digit covers, concatenated in this order.</summary>
    public IReadOnlyList<MrzSpan> CompositeCovers { get; init; } = [];

    /// <summary>
    /// TD1 and TD2 let a document number longer than 9 characters continue at the start of the first optional data
    /// field, ended by its check digit and a filler, with a filler in the normal check digit position.
    /// </summary>
    public bool DocumentNumberCanOverflow { get; init; }

    private MrzCharClass[][]? _classes;

    public MrzCharClass ClassAt(int line, int index) => (_classes ??= BuildClasses())[line][index];

    private MrzCharClass[][] BuildClasses()
    {
        var classes = Enumerable.Range(0, LineCount).Select(_ => new MrzCharClass[LineLength]).ToArray();
        void Mark(MrzSpan span, MrzCharClass charClass)
        {
            foreach (var (line, index) in span.Positions())
                classes[line][index] = charClass;
        }

        // Every position belongs to exactly one field; Letters is the default the array starts with.
        Mark(DocumentNumber, MrzCharClass.Alphanumeric);
        foreach (var optional in OptionalData)
            Mark(optional, MrzCharClass.Alphanumeric);
        foreach (var digits in new[] { DocumentNumberCheck, DateOfBirth, DateOfBirthCheck, ExpiryDate, ExpiryDateCheck })
            Mark(digits, MrzCharClass.Digits);
        if (OptionalDataCheck is { } optionalCheck)
            Mark(optionalCheck, MrzCharClass.Digits);
        if (Composite is { } composite)
            Mark(composite, MrzCharClass.Digits);
        Mark(Sex, MrzCharClass.Sex);
        return classes;
    }
}
