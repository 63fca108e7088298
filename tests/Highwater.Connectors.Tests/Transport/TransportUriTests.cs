using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Tests.Transport;

public class TransportUriTests
{
    [Theory]
    [InlineData("/services/data/v60.0/query/01g-2000", false)]
    [InlineData("api/REST/1.0/data/contacts?search=a", false)]
    [InlineData("https://pod.example.com/api/bulk/2.0/syncs/7", true)]
    public void Of_PathsStayRelative_HttpUrlsAbsolute(string text, bool absolute)
    {
        var uri = TransportUri.Of(text);

        Assert.Equal((absolute, text), (uri.IsAbsoluteUri, uri.OriginalString));
    }
}
