using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests;

/// <summary>
/// The PP-OCRv4 path of the reader: the text detector finds a zone the black-hat locator does not see under guilloche
/// and a watermark, and the recogniser's pass, voted character by character with Tesseract's, repairs a line that
/// every pass misread in a different place.
/// </summary>
public sealed class TextDetectorTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    [Fact]
    public void The_reader_loads_the_text_models_from_the_models_folder() => Assert.True(fixture.Reader.HasTextDetector);

    [Fact]
    public void The_detector_finds_the_zone_that_the_black_hat_locator_misses_and_the_reader_reads_it()
    {
        var photo = HostileSet.Photo(HostileSet.Condition("guilloche+watermark"), 6);
        using var gray = UploadDecoder.DecodeGray(photo.Bytes, new DecodeLimits(), out _)!;
        using var work = MrzLocator.ToWorkScale(gray, out var scale);
        using var detector = new MrzTextDetector(Path.Combine(ReaderFixture.ModelsDirectory, new DocumentReaderOptions { TessdataDirectory = "" }.TextDetectorFile));

        Assert.Empty(MrzLocator.Locate(work, scale));
        var zone = Assert.Single(detector.Locate(gray), z => z.Lines.Count == photo.Document.MrzLines.Count);
        Assert.InRange(zone.Lines[0].Length, 0.5f * gray.Width, gray.Width);

        var result = fixture.Reader.Read(photo.Bytes, ReaderFixture.Today);
        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        Assert.Equal(photo.Document.DocumentNumber, result.Mrz!.DocumentNumber);
        Assert.Equal(photo.Document.DateOfBirth, result.Mrz.DateOfBirth);
    }

    [Fact]
    public void Passes_that_misread_one_line_in_different_places_vote_character_by_character()
    {
        var lines = SampleDocuments.Specimen.MrzLines;
        var last = lines.Count - 1;
        // Two passes, each wrong at a different digit of the birth date and expiry (line 2 of a TD3 page): no whole-line
        // combination validates, the character-by-character vote does.
        var second = lines[1];
        var birth = second.IndexOf(SampleDocuments.Specimen.DateOfBirth.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.True(birth > 0);
        var one = WithDigitChanged(second, birth + 1);
        var other = WithDigitChanged(second, birth + 8 + 3);
        var passes = new[] { one, other }.Select(line => new ZonePass(lines.Select((l, i) => (i == 1 ? line : l, 0.9)).ToArray())).ToArray();

        var (mrz, _) = MrzPassVoting.Best(passes, ReaderFixture.Today, characterVote: true);

        Assert.NotNull(mrz);
        Assert.True(mrz.IsValid);
        Assert.Equal(second, mrz.Lines[1]);
        Assert.Equal(lines[last], mrz.Lines[last]);
    }

    static string WithDigitChanged(string line, int at)
    {
        var characters = line.ToCharArray();
        characters[at] = characters[at] == '3' ? '8' : '3';
        return new string(characters);
    }
}
