using Highwater.Cli.Commands.Validate;
using Highwater.Connectors;

namespace Highwater.Cli.Tests.Commands.Validate;

/// <summary>The success sentence of <c>validate --connect</c> names the services from the module list.</summary>
public sealed class ValidateFieldSourcesTests
{
    [Fact]
    public void FieldSources_NamesEveryServiceOnce_WithWhereItsFieldsComeFrom()
    {
        var sentence = ValidateCommand.FieldSources();

        Assert.All(ServiceModules.All, m => Assert.Single(System.Text.RegularExpressions.Regex.Matches(sentence, $@"\b{m.Title}\b")));
        Assert.Contains("Pardot from its documented fields and customFields", sentence, StringComparison.Ordinal);
        Assert.EndsWith(" as they describe them, Pardot from its documented fields and customFields", sentence, StringComparison.Ordinal);
        Assert.StartsWith("Marketo, Salesforce", sentence, StringComparison.Ordinal);
    }
}
