namespace Verilock.Checks.Samples;

/// <summary>
/// The group photos of npm <c>@vladmandic/face-api@1.7.15</c> (<c>demo/sample1–6.jpg</c>), which
/// <c>scripts/setup --for-tests</c> places under <c>models/test-photos/</c>: 22 faces of 21 people, one of whom
/// is in two photos. Missing photos fail loudly with the fix.
/// </summary>
public static class FacePhotos
{
    public const int Count = 6;

    /// <summary>The faces each photo holds, counted by eye (sample2's left face is in profile).</summary>
    public static readonly IReadOnlyList<int> FacesPerPhoto = [3, 3, 3, 4, 5, 4];

    /// <summary>
    /// The one person seen in two photos (right in sample1, middle in sample3), as relative face centres:
    /// identified by eye and confirmed by the embedder (docs/face-matching.md).
    /// </summary>
    public static readonly IReadOnlyList<(int Photo, float X, float Y)> SamePerson = [(1, 0.82f, 0.26f), (3, 0.62f, 0.28f)];

    public static byte[] Read(int photo)
    {
        var path = Path.Combine(RepositoryPaths.Models, "test-photos", $"sample{photo}.jpg");
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} is missing: run scripts/setup --for-tests (./test.sh does) to fetch the face test photos.");
        return File.ReadAllBytes(path);
    }

    public static string ModelsDirectory => RepositoryPaths.Models;
}
