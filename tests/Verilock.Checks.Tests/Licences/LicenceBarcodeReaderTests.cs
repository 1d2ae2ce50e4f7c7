using OpenCvSharp;
using Verilock.Checks.Documents;
using Verilock.Checks.Samples;
using Verilock.Domain.Tests.Licences;

namespace Verilock.Checks.Tests.Licences;

public class LicenceBarcodeReaderTests
{
    [Fact]
    public void Sideways_jpeg_photo_of_a_licence_back_reads_the_holder_exactly()
    {
        var licence = LicenceBarcodeReader.Read(LicenceBackPhotographer.Photograph(AamvaSamples.CaliforniaV10()), new DecodeLimits());
        Assert.NotNull(licence);
        Assert.Equal(("D1234567", "MARTINEZ", "ANNA MARIE", "F", "CA", "US", "636014", 10),
            (licence.DocumentNumber, licence.Surname, licence.GivenNames, licence.Sex, licence.Jurisdiction, licence.Country, licence.IssuerId, licence.AamvaVersion));
        Assert.Equal((new DateOnly(1985, 8, 31), new DateOnly(2029, 8, 31)), (licence.BirthDate, licence.ExpiryDate));
    }

    [Fact]
    public void Canadian_licence_back_reads_year_first_dates()
    {
        var licence = LicenceBarcodeReader.Read(LicenceBackPhotographer.Photograph(AamvaSamples.OntarioV8(), sideways: false), new DecodeLimits());
        Assert.NotNull(licence);
        Assert.Equal(("TREMBLAY", "CA", new DateOnly(1995, 1, 2)), (licence.Surname, licence.Country, licence.BirthDate));
    }

    [Fact]
    public void Back_without_a_barcode_reads_nothing()
    {
        using var blank = new Mat(1000, 1600, MatType.CV_8UC1, Scalar.All(225));
        Cv2.PutText(blank, "NO BARCODE HERE", new Point(100, 500), HersheyFonts.HersheySimplex, 3, Scalar.All(40), 4);
        Assert.Null(LicenceBarcodeReader.Read(blank.ImEncode(".jpg"), new DecodeLimits()));
    }

    [Fact]
    public void Barcode_holding_something_else_than_a_licence_is_not_a_licence() =>
        Assert.Null(LicenceBarcodeReader.Read(LicenceBackPhotographer.Photograph("BOARDING PASS M1DOE/JOHN", sideways: false), new DecodeLimits()));
}
