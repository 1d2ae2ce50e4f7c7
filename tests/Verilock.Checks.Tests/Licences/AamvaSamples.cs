namespace Verilock.Checks.Tests.Licences;

/// <summary>
/// Barcode texts shaped like real licences of each AAMVA generation (fictional holders), built with the standard's
/// separators so a test can bend one thing at a time.
/// </summary>
internal static class AamvaSamples
{
    public const string Header = "@\n\x1e\r";

    /// <summary>Builds a file whose designator offset is right, unless <paramref name="offsetSkew"/> moves it.</summary>
    public static string Build(string fileType, string iin, string versions, string type, string[] elements,
        int offsetSkew = 0, string separator = "\n")
    {
        var data = type + string.Join(separator, elements) + "\r";
        var headerLength = Header.Length + fileType.Length + iin.Length + versions.Length + 10;
        return Header + fileType + iin + versions + type + (headerLength + offsetSkew).ToString("D4")
               + data.Length.ToString("D4") + data;
    }

    // California, version 10 (2020 standard): US dates month first.
    public static string CaliforniaV10(int offsetSkew = 0, string separator = "\n") => Build("ANSI ", "636014", "1001", "DL",
    [
        "DAQD1234567", "DCAC", "DCBNONE", "DCDNONE", "DBA08312029", "DCSMARTINEZ", "DACANNA", "DADMARIE",
        "DBD08312021", "DBB08311985", "DBC2", "DAYBRO", "DAU065 IN", "DAG2570 24TH STREET", "DAISACRAMENTO",
        "DAJCA", "DAK958180000  ", "DCF08/31/202162584/BBFD/29", "DCGUSA", "DDEN", "DDFN", "DDGN",
    ], offsetSkew, separator);

    // Texas, version 9 (2016 standard).
    public static string TexasV9() => Build("ANSI ", "636015", "0901", "DL",
    [
        "DCAC", "DCBNONE", "DCDNONE", "DBA01152028", "DCSNGUYEN", "DACTHANH", "DADVAN", "DBD01152020",
        "DBB01152000", "DBC1", "DAYBLK", "DAU070 IN", "DAG100 MAIN ST", "DAIAUSTIN", "DAJTX", "DAK787010000",
        "DAQ12345678", "DCF1234567890123456789", "DCGUSA", "DDEN", "DDFN", "DDGN",
    ]);

    // Virginia, version 8 (2013 standard), with the whole-licence ID card type.
    public static string VirginiaIdV8() => Build("ANSI ", "636000", "0800", "ID",
    [
        "DCANONE", "DCBNONE", "DCDNONE", "DBA12102030", "DCSO'BRIEN", "DACSEAN", "DADNONE", "DBD12102022",
        "DBB12101970", "DBC1", "DAJVA", "DAQT12345678", "DCGUSA",
    ]);

    // Version 3 (2005 standard): all given names in DCT, comma separated.
    public static string FloridaV3() => Build("ANSI ", "636010", "0301", "DL",
    [
        "DAQW123456789012", "DCSSMITH", "DCTJOHN,PAUL", "DBA06302026", "DBB06301990", "DBC1", "DBD06302018",
        "DAJFL", "DCGUSA",
    ]);

    // Version 1 (2000 standard): "AAMVA" file type, full name in DAA, year-first dates.
    public static string MassachusettsV1() => Build("AAMVA", "636002", "0101", "DL",
    [
        "DAAJONES,MARY,ELIZABETH", "DAG1 ELM ST", "DAIBOSTON", "DAJMA", "DAK021100000", "DAQS12345678",
        "DBA20270415", "DBB19800415", "DBCF", "DBD20190415",
    ]);

    // Ontario: Canadian dates year first, country CAN.
    public static string OntarioV8() => Build("ANSI ", "636012", "0800", "DL",
    [
        "DCAG", "DCBNONE", "DCDNONE", "DBA20300102", "DCSTREMBLAY", "DACÉLISE", "DADNONE", "DBD20250102",
        "DBB19950102", "DBC2", "DAJON", "DAQT1234-56789-50102", "DCGCAN",
    ]);
}
