using Xunit.Abstractions;
using Xunit.Sdk;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Figures a test run should print whether or not the test passes (fuzz seed and counts, crash-test numbers):
/// xunit diagnostic messages, shown by <c>dotnet test</c> because xunit.runner.json turns them on.
/// </summary>
public sealed class TestReport(IMessageSink sink)
{
    public void Write(string line) => sink.OnMessage(new DiagnosticMessage("REPORT " + line));
}
