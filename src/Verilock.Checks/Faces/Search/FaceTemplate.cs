namespace Verilock.Checks.Faces.Search;

/// <summary>A stored template as <see cref="FaceTemplateIndex.Load"/> takes it at start-up (decrypted from the database).</summary>
public readonly record struct FaceTemplate(Guid TemplateId, string SessionId, ReadOnlyMemory<float> Embedding);
