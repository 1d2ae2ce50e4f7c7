namespace Verilock.Domain.Mrz;

/// <summary>The characters OCR mistakes for one another in the OCR-B font of a machine-readable zone.</summary>
internal static class OcrConfusions
{
    /// <summary>The digit a letter stands for where only digits may be; null when the letter is no digit look-alike.</summary>
    public static char? DigitFor(char letter) => letter switch
    {
        'O' or 'Q' or 'D' => '0',
        'I' or 'L' => '1',
        'Z' => '2',
        'S' => '5',
        'G' => '6',
        'B' => '8',
        _ => null,
    };

    /// <summary>The letter a digit stands for where only letters may be; null when the digit is no letter look-alike.</summary>
    public static char? LetterFor(char digit) => digit switch
    {
        '0' => 'O',
        '1' => 'I',
        '2' => 'Z',
        '5' => 'S',
        '6' => 'G',
        '8' => 'B',
        _ => null,
    };

    /// <summary>Glyphs OCR produces for the filler '&lt;' (its chevron reads as K, C, L).</summary>
    public static bool LooksLikeFiller(char c) => c is 'K' or 'C' or 'L';

    /// <summary>
    /// Every character <paramref name="c"/> might really be, where letters and digits are both allowed; used only
    /// when a check digit can decide between them.
    /// </summary>
    public static IReadOnlyList<char> AlternativesOf(char c) => c switch
    {
        '0' => ['O', 'Q', 'D'],
        'O' => ['0', 'Q', 'D'],
        'Q' => ['0', 'O'],
        'D' => ['0', 'O'],
        '1' => ['I', 'L'],
        'I' => ['1', 'L'],
        'L' => ['1', 'I', '<'],
        '2' => ['Z'],
        'Z' => ['2'],
        '5' => ['S'],
        'S' => ['5'],
        '6' => ['G'],
        'G' => ['6'],
        '8' => ['B'],
        'B' => ['8'],
        'K' or 'C' => ['<'],
        _ => [],
    };
}
