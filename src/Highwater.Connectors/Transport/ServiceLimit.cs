using Highwater.Core.Governor;

namespace Highwater.Connectors.Transport;

/// <summary>
/// An answer that refused the request for a limit: the signal the governor waits on, and how the
/// failed call reads (<see cref="Highwater.Core.Connectors.ServiceCallFailure.RateLimited"/>).
/// </summary>
/// <param name="Signal">What the governor is told on the request's ticket.</param>
/// <param name="Message">The failure's message.</param>
/// <param name="Code">The service's code (<c>606</c>, <c>REQUEST_LIMIT_EXCEEDED</c>, <c>429</c>).</param>
internal readonly record struct ServiceLimit(ServiceSignal Signal, string Message, string? Code);
