namespace Highwater.Core.Planning;

/// <summary>One membership change of one record.</summary>
/// <param name="List">The remote list.</param>
/// <param name="Direction">Join or leave.</param>
public readonly record struct ListChange(string List, MembershipDirection Direction);
