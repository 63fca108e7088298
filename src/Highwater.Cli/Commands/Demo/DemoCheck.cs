using Highwater.Engine.Samples;
using Highwater.Simulators.Marketo;

namespace Highwater.Cli.Commands.Demo;

/// <summary>Compares the sample source with what the Marketo simulator holds: every live user once, with its fields and lists, and nobody else.</summary>
internal static class DemoCheck
{
    public static Task<IReadOnlyList<string>> DifferencesAsync(SampleDatabase app, MarketoSimulator marketo, CancellationToken cancellationToken) =>
        SampleProject.DifferencesAsync(app, Records(marketo), cancellationToken: cancellationToken);

    /// <summary>The simulator's leads as sample records.</summary>
    public static IEnumerable<SampleRemoteRecord> Records(MarketoSimulator marketo) =>
        marketo.GetState().Records.Select(r => new SampleRemoteRecord(r.Id, r.Email, r.Fields, r.Lists));
}
