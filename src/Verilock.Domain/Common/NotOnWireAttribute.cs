namespace Verilock.Domain.Common;

/// <summary>
/// Marks a property that is stored with its record but never sent: the API's JSON options leave it out of
/// responses, webhook payloads and the OpenAPI document, while the storage options keep it. Used for what only an
/// operator may see in the dashboard (the text a reader saw), so the wire stays the spec's.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotOnWireAttribute : Attribute;
