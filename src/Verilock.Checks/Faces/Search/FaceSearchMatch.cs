namespace Verilock.Checks.Faces.Search;

/// <summary>
/// One template found by <see cref="FaceTemplateIndex.Search"/>: its id, the session it came from and the cosine
/// between the probe and the template as stored (L2-normalised, int8-quantised: measured within 0.0015 of the float32
/// cosine). Map it to the API's scale with <see cref="FaceMatchScale"/>.
/// </summary>
public readonly record struct FaceSearchMatch(Guid TemplateId, string SessionId, float Cosine);
