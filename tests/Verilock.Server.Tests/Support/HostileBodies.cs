using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// CsCheck generators of request bodies a careless or hostile client sends: valid bodies with fields
/// dropped, added or replaced by any JSON value, then sometimes broken at the byte level (truncated,
/// bad UTF-8, deep nesting, huge strings); and multipart bodies with odd names, file names, part counts,
/// header sizes and boundaries. Used by the fuzzing tests, which require that none of them is a 500.
/// </summary>
public static class HostileBodies
{
    /// <summary>One of <paramref name="values"/> (CsCheck's <c>OneOf</c> over constants, named so it cannot bind to its overload over generators).</summary>
    private static Gen<T> Constants<T>(params T[] values) => Gen.OneOf<T>(values);

    private static readonly Gen<string> Word = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 12],
        Gen.String[Gen.Char, 0, 24], // any UTF-16 unit, lone surrogates and controls included
        Constants("document", "selfie", "liveness", "aml", "passport", "id_card", "driving_license", "front", "back",
            "approved", "declined", "review", "confirmed_match", "false_positive", "daily", "weekly", "true", "null", "",
            " ", "GB", "XX", "1990-02-30", "2026-12-07T00:00:00Z", "Лукʼян", "محمد", "\u0000", "\uFEFF", "https://example.com/x",
            "http://169.254.169.254/latest", "session.completed", "*", "../../etc/passwd"));

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Word.Select(w => (JsonNode?)JsonValue.Create(w)),
        Gen.Int[1_000, 300_000].Select(n => (JsonNode?)JsonValue.Create(new string('x', n))));

    private static readonly Gen<JsonNode?> AnyJson = Gen.Recursive<JsonNode?>((depth, node) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (5, Scalar),
            (1, Gen.Dictionary(Word, node)[0, 4].Select(d => (JsonNode?)new JsonObject(d))),
            (1, node.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items)))));

    /// <summary>A JSON request body: <paramref name="template"/> changed field by field, then maybe broken as bytes.</summary>
    public static Gen<byte[]> Json(string template)
    {
        var fields = JsonNode.Parse(template)!.AsObject().Select(p => p.Key).ToArray();
        var edits = Gen.Select(Gen.Int[0, 3], AnyJson).Array[fields.Length];
        var extra = Gen.Select(Word, AnyJson).Array[0, 2];
        var document = Gen.Select(edits, extra, (edit, added) =>
        {
            var body = JsonNode.Parse(template)!.AsObject();
            for (var i = 0; i < fields.Length; i++)
            {
                if (edit[i].Item1 == 1)
                    body.Remove(fields[i]);
                else if (edit[i].Item1 == 2)
                    body[fields[i]] = edit[i].Item2;
            }
            foreach (var (name, value) in added)
                body[name] = value;
            return Encoding.UTF8.GetBytes(body.ToJsonString());
        });
        return Gen.Select(document, Gen.Int[0, 9], Gen.Double.Unit, Gen.Byte.Array[1, 8], Corrupt);
    }

    /// <summary>Half the time the body is left whole; otherwise broken in one of several ways.</summary>
    private static byte[] Corrupt(byte[] body, int how, double at, byte[] noise)
    {
        var cut = (int)(at * body.Length);
        return how switch
        {
            5 => body[..cut],
            6 => [.. body[..cut], .. noise, .. body[cut..]],
            7 => [.. body[..cut], 0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF, .. body[cut..]], // invalid UTF-8, a surrogate's encoding
            8 => Encoding.ASCII.GetBytes(new string('[', 5_000 + (int)(at * 100_000))),
            9 => [.. Encoding.ASCII.GetBytes("{\"a\":"), .. body, .. body], // two documents, one unterminated object
            _ => body,
        };
    }

    public sealed record Part(string Name, string? FileName, string? ContentType, byte[] Body);

    /// <summary>A multipart body and the request's Content-Type header for it.</summary>
    public sealed record Multipart(byte[] Body, string ContentType)
    {
        public override string ToString() => $"{ContentType} ({Body.Length} bytes)";
    }

    private static readonly Gen<string> PartName = Gen.OneOf(
        Constants("file", "front", "back", "type", "document_type", "side", "image", "frames", "file", "file"),
        Word);

    private static readonly Gen<string?> FileName = Gen.OneOf(
        Gen.Const((string?)null),
        Constants<string?>("doc.jpg", "../../etc/passwd", "C:\\Windows\\win.ini", "a\"b.png", "\u202Egpj.exe", "x.pdf"),
        Word.Select(w => (string?)w),
        Gen.Int[300, 5_000].Select(n => (string?)new string('n', n)));

    private static readonly Gen<byte[]> PartBody = Gen.OneOf(
        Gen.Int[0, 4_000].Select(n => Uploads.Jpeg(n, Math.Max(n, 4))),
        Gen.Int[0, 4_000].Select(n => Uploads.Png(n, Math.Max(n, 8))),
        Gen.Int[0, 4_000].Select(n => Uploads.Pdf(n, Math.Max(n, 9))),
        Word.Select(Encoding.UTF8.GetBytes),
        Gen.Byte.Array[0, 600]);

    private static readonly Gen<Part> OnePart = Gen.Select(PartName, FileName,
        Gen.OneOf(Gen.Const((string?)null), Constants<string?>("image/jpeg", "application/pdf", "text/plain; charset=utf-16", "multipart/mixed; boundary=inner")),
        PartBody, (name, file, type, body) => new Part(name, file, type, body));

    /// <summary>Multipart bodies: 0–6 parts, or thousands; then sometimes broken.</summary>
    public static readonly Gen<Multipart> Form = Gen.Select(
        Gen.Frequency((20, OnePart.Array[0, 6]), (1, OnePart.Array[2_500, 3_200])),
        Gen.Int[0, 11], Gen.Double.Unit, Gen.String[Gen.Char.AlphaNumeric, 1, 40],
        (parts, how, at, boundary) => Build(parts, how, at, boundary));

    private static Multipart Build(Part[] parts, int how, double at, string boundary)
    {
        var text = new MemoryStream();
        void Write(string s) => text.Write(Encoding.UTF8.GetBytes(s));
        foreach (var part in parts)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{part.Name}\"");
            if (part.FileName is not null)
                Write($"; filename=\"{part.FileName}\"");
            Write("\r\n");
            if (how == 7)
                Write($"X-Padding: {new string('p', 100_000)}\r\n");
            if (part.ContentType is not null)
                Write($"Content-Type: {part.ContentType}\r\n");
            Write("\r\n");
            text.Write(part.Body);
            Write("\r\n");
        }
        Write($"--{boundary}--\r\n");
        var body = text.ToArray();
        var cut = (int)(at * body.Length);
        var contentType = $"multipart/form-data; boundary={boundary}";
        return how switch
        {
            5 => new(body[..cut], contentType),                                    // truncated mid-part
            6 => new(body, $"multipart/form-data; boundary={boundary}x"),         // the boundary never appears
            8 => new(body, "multipart/form-data"),                                // no boundary at all
            9 => new(body, $"multipart/form-data; boundary={new string('b', 200)}"),
            10 => new(body.Where((_, i) => body[i] != (byte)'\r').ToArray(), contentType), // bare LF line ends
            11 => new(body, "multipart/form-data; boundary=\"" + boundary + "\"; charset=\u00ff"),
            _ => new(body, contentType),
        };
    }
}
