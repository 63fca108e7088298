namespace Highwater.Simulators.Salesforce;

/// <summary>One writable field of an sObject as the simulator knows it.</summary>
/// <param name="Name">The API name, in its canonical case.</param>
/// <param name="Label">The label Salesforce puts in error messages.</param>
/// <param name="MaxLength">The longest value it takes.</param>
/// <param name="IsEmail">Whether values must be e-mail addresses.</param>
/// <param name="IsRequired">Whether a create without it fails (REQUIRED_FIELD_MISSING).</param>
internal sealed record FieldSpec(string Name, string Label, int MaxLength, bool IsEmail = false, bool IsRequired = false);
