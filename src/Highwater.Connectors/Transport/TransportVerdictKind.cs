namespace Highwater.Connectors.Transport;

/// <summary>The kinds of <see cref="TransportVerdict"/>.</summary>
internal enum TransportVerdictKind
{
    /// <summary>Give the answer to the connector.</summary>
    Accept,

    /// <summary>Throw the failure.</summary>
    Fail,

    /// <summary>Refresh the credentials and send once more; throw the failure the second time.</summary>
    CredentialsRefused,
}
