namespace Iom.Domain.Tests;

public class SmokeTests
{
    [Fact]
    public void Domain_assembly_has_no_azure_references()
    {
        var references = typeof(Iom.Domain.DomainAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "");
        references.ShouldNotContain(n => n.StartsWith("Azure", StringComparison.Ordinal) || n.StartsWith("Microsoft.Azure", StringComparison.Ordinal));
    }
}
