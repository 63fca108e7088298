namespace Highwater.Core.Connectors;

/// <summary>A connector that can ask its service which record fields exist and may be written (Marketo's Describe Lead).</summary>
public interface IFieldDescriber
{
    /// <summary>The names of the fields a write may set, as the connector's field mapping names them.</summary>
    /// <exception cref="ServiceCallException">The service could not answer.</exception>
    Task<IReadOnlySet<string>> DescribeFieldsAsync(CancellationToken cancellationToken);
}
