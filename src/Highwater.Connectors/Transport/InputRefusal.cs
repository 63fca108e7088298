namespace Highwater.Connectors.Transport;

/// <summary>Why the <see cref="BatchSplitter{TAnswer}"/> refused an input without sending it.</summary>
/// <param name="Code">The code the record's outcome carries (the status the service would have answered: <c>413</c>).</param>
/// <param name="Message">The record's reason, as a dead letter shows it.</param>
internal readonly record struct InputRefusal(string Code, string Message);
