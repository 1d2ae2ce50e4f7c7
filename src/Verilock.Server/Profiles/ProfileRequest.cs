using Verilock.Domain.Accounts;
using Verilock.Domain.Sessions;
using Verilock.Server.Api;

namespace Verilock.Server.Profiles;

/// <summary>
/// The body of <c>POST</c> and <c>PATCH /profiles</c> and of the dashboard's profile form: <c>name</c> and the profile
/// keys of spec §8.1 (read by <see cref="ProfileReader"/>). Unknown fields are ignored, as everywhere in the API.
/// </summary>
public sealed record ProfileRequest(string? Name, ProfileSettings Settings)
{
    /// <summary>
    /// A new profile (<paramref name="current"/> null: <c>name</c> and <c>steps</c> required) or a change to
    /// <paramref name="current"/> (absent fields keep their value); null when invalid, every problem in the fields' errors.
    /// </summary>
    public static ProfileRequest? Read(JsonFields fields, VerificationProfile? current = null)
    {
        var errorsBefore = fields.Errors.Count;
        var name = ReadName(fields, required: current is null);
        var settings = ProfileReader.Read(fields, current?.Settings);
        if (fields.Errors.Count > errorsBefore || settings is null)
            return null;
        return new ProfileRequest(name ?? current?.Name, settings);
    }

    private static string? ReadName(JsonFields fields, bool required)
    {
        var path = fields.PathOf("name");
        if (!fields.Has("name"))
        {
            if (required)
                fields.Errors.Add(path, $"The {path} field is required.");
            return null;
        }
        var name = fields.String("name", VerificationProfile.MaxNameLength);
        if (name is null)
            return null;
        if (string.IsNullOrWhiteSpace(name))
        {
            fields.Errors.Add(path, $"The {path} field must not be empty.");
            return null;
        }
        return name.Trim();
    }
}
