using System.Net.Http.Headers;
using System.Text;
using Highwater.Connectors.Transport;

namespace Highwater.Connectors.Mailchimp;

/// <summary>Mailchimp's HTTP Basic auth: any user name (<c>highwater</c>), the API key as the password.</summary>
/// <param name="ApiKey">The key. Never logged.</param>
internal sealed record MailchimpBasicCredential(string ApiKey) : ITransportCredential
{
    /// <inheritdoc />
    public void Apply(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("highwater:" + ApiKey)));
    }

    /// <summary>Keeps the key out of logs and messages.</summary>
    public override string ToString() => "MailchimpBasicCredential";
}
