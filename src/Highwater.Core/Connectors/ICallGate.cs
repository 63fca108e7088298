namespace Highwater.Core.Connectors;

/// <summary>
/// What every request a connector makes passes first: in the engine the rate governor of the
/// service account (it waits until the request may go and counts it), and a tally of requests
/// by kind. Waiting here is never a failure.
/// </summary>
public interface ICallGate
{
    /// <summary>
    /// Waits until one request of <paramref name="tag"/> may go and returns a ticket; dispose it
    /// when the answer is in. Requests that do not count against the quota (authentication) still
    /// pass, to be tallied, but never wait.
    /// </summary>
    ValueTask<ICallTicket> EnterAsync(CallTag tag, CancellationToken cancellationToken);
}
