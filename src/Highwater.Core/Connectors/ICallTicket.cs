using Highwater.Core.Governor;

namespace Highwater.Core.Connectors;

/// <summary>Permission for one request; report what the service said about its limits on it.</summary>
public interface ICallTicket : IDisposable
{
    /// <summary>Tells the governor what the service's answer said about its limits.</summary>
    ValueTask ReportAsync(ServiceSignal signal, CancellationToken cancellationToken);
}
