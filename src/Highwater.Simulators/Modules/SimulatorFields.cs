namespace Highwater.Simulators.Modules;

/// <summary>
/// The names a service gives the person fields every harness maps (its own API names, as
/// <c>/_sim/seed</c> takes them and <c>/_sim/state</c> answers them).
/// </summary>
/// <param name="Email">The e-mail address: Marketo <c>email</c>, Salesforce <c>Email</c>, Eloqua <c>emailAddress</c>.</param>
/// <param name="FirstName">The first name: <c>firstName</c>, <c>FirstName</c>, Pardot <c>first_name</c>.</param>
/// <param name="LastName">The last name.</param>
/// <param name="Title">The job title: Pardot <c>job_title</c>.</param>
/// <param name="Country">The country: Salesforce <c>MailingCountry</c>.</param>
public sealed record SimulatorFields(string Email, string FirstName, string LastName, string Title, string Country)
{
    /// <summary>
    /// Whether the service refuses to create a record without a last name (Salesforce's Contact):
    /// harnesses that map only a first name then write it to both.
    /// </summary>
    public bool LastNameRequired { get; init; }
}
