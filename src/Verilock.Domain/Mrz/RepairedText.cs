namespace Verilock.Domain.Mrz;

/// <summary>A line as repair has made it so far, and how many characters that changed.</summary>
internal readonly record struct RepairedText(string Text, int Repairs);
