namespace Highwater.Simulators.Eloqua;

/// <summary>One contact field: its internal name (<c>C_FirstName</c>) and its maximum length.</summary>
/// <param name="InternalName">The name bulk statements use: <c>{{Contact.Field(InternalName)}}</c>.</param>
/// <param name="MaxLength">The longest value it takes.</param>
public sealed record EloquaFieldSpec(string InternalName, int MaxLength);
