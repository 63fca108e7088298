using Highwater.Cli.Commands.Run;
using Highwater.Cli.Logging;
using Microsoft.Extensions.Logging;

namespace Highwater.Cli.Tests.Logging;

public sealed partial class CredentialRedactorTests
{
    [LoggerMessage(Level = LogLevel.Information, Message = "calling {Url}")]
    private static partial void Calling(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "failed")]
    private static partial void Failed(ILogger logger, Exception exception);

    [Theory]
    [InlineData(
        "Request starting HTTP/1.1 GET http://127.0.0.1:8080/identity/oauth/token?grant_type=client_credentials&client_id=CANARY1&client_secret=CANARY2 - - -",
        "Request starting HTTP/1.1 GET http://127.0.0.1:8080/identity/oauth/token?grant_type=client_credentials&client_id=***&client_secret=*** - - -")]
    [InlineData("GET /rest/v1/leads.json?access_token=CANARY1&filterType=email", "GET /rest/v1/leads.json?access_token=***&filterType=email")]
    [InlineData("grant_type=password&username=u&password=CANARY1", "grant_type=password&username=u&password=***")]
    [InlineData("Host=db;Username=hw;Password=CANARY1;Database=buffer", "Host=db;Username=hw;Password=***;Database=buffer")]
    [InlineData("{\"access_token\":\"CANARY1\",\"expires_in\":3599}", "{\"access_token\":\"***\",\"expires_in\":3599}")]
    [InlineData("{\"client_secret\": \"CAN\\\"ARY1\"}", "{\"client_secret\": \"***\"}")]
    [InlineData("Authorization: Bearer CANARY1.part2", "Authorization: Bearer ***")]
    [InlineData("Authorization: Basic Q0FOQVJZMTpDQU5BUlky", "Authorization: Basic ***")]
    [InlineData("api_key=CANARY1", "api_key=***")]
    public void Redact_CredentialValue_IsMasked(string text, string expected)
    {
        var redacted = CredentialRedactor.Redact(text);

        Assert.Equal(expected, redacted);
        Assert.DoesNotContain("CANARY", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("marketo: 5 rows wait; next batch at 09:59:01 (window 5m)")]
    [InlineData("highwater.yaml:4 store.postgres: holds a literal password; put the whole connection in an environment variable")]
    [InlineData("GET http://127.0.0.1:8080/rest/v1/leads.json?filterType=email&filterValues=a@example.com")]
    [InlineData("token refreshed; expires in 3599 s")]
    public void Redact_NoCredential_LeavesTheTextAsItIs(string text) =>
        Assert.Equal(text, CredentialRedactor.Redact(text));

    [Fact]
    public void RedactingLogger_MessageAndException_ReachTheProviderRedacted()
    {
        var sink = new ListLoggerProvider();
        using var factory = new RedactingLoggerFactory(LoggerFactory.Create(builder => builder.AddProvider(sink)));
        var logger = factory.CreateLogger("test");

        Calling(logger, "http://127.0.0.1/identity/oauth/token?client_id=CANARY1&client_secret=CANARY2");
        Failed(logger, new InvalidOperationException("connection Password=CANARY3 refused"));

        Assert.Equal(["calling http://127.0.0.1/identity/oauth/token?client_id=***&client_secret=***", "failed"], sink.Messages);
        Assert.Equal("connection Password=*** refused", sink.Exceptions.Single()!.Message);
        Assert.DoesNotContain("CANARY", sink.Exceptions.Single()!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RedactingLogger_Durations_ReadForAPerson()
    {
        var sink = new ListLoggerProvider();
        using var factory = new RedactingLoggerFactory(LoggerFactory.Create(builder => builder.AddProvider(sink)));
        var logger = factory.CreateLogger("Highwater.Cli.Commands.Run.RunCommand");

        RunLog.Stopping(logger, TimeSpan.FromSeconds(20));
        RunLog.ExportFailed(logger, "marketo", 3, TimeSpan.FromSeconds(65), "HTTP 503");

        Assert.Equal(
            ["Stopping: polls end now; a batch in flight has 20 s to finish", "Destination marketo: the export failed (3 in a row); trying again in 1m 05s: HTTP 503"],
            sink.Messages);
    }

    private sealed class ListLoggerProvider : ILoggerProvider, ILogger
    {
        public List<string> Messages { get; } = [];

        public List<Exception?> Exceptions { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Messages.Add(formatter(state, exception));
            if (exception is not null)
            {
                Exceptions.Add(exception);
            }
        }

        public void Dispose()
        {
        }
    }
}
