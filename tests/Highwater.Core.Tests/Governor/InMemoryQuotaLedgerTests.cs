using Highwater.Core.Governor;

namespace Highwater.Core.Tests.Governor;

public class InMemoryQuotaLedgerTests : QuotaLedgerContractTests
{
    protected override IQuotaLedger CreateLedger() => new InMemoryQuotaLedger();
}
