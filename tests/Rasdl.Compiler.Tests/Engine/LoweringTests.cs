using Rasdl.Compiler.Tests.Infrastructure;
using Rasdl.Intermediate;
using Rasdl.Testing;
using Xunit;

namespace Rasdl.Compiler.Tests.Engine;

public sealed class LoweringTests
{
    private static readonly string Soc = File.ReadAllText(Repository.PathOf("examples/serror-soc/serror-soc.rasdl"));

    private const string Lowered = "assign wifi0.bar0 to guest via vfio_pci;";

    /// <summary>
    /// An `assign` of a region that does not resolve is listed as left out wherever it is written:
    /// before the assignments that were lowered, between them or after them.
    /// </summary>
    [Theory]
    [InlineData("before")]
    [InlineData("after")]
    public void AnAssignThatWasNotLoweredIsListedWhereverItIsWritten(string where)
    {
        const string unknown = "assign wifi0.bar9 to guest via vfio_pci;";
        var text = Soc.Replace(Lowered, where == "before" ? $"{unknown}\n{Lowered}" : $"{Lowered}\n{unknown}", StringComparison.Ordinal);
        Assert.NotEqual(Soc, text);

        var platform = Lowering.Lower(TempWorkspace.CompileText(text).Model);

        Assert.Equal(["wifi0.bar0"], platform.Assignments.Select(a => a.Region.QualifiedName));
        var (name, location) = Assert.Single(platform.UnloweredAssignments);
        Assert.Equal("wifi0.bar9", name);
        Assert.Equal(text[..text.IndexOf(unknown, StringComparison.Ordinal)].Count(c => c == '\n'), location.Range.Start.Line);
    }

    /// <summary>A second `assign` of a lowered region is a duplicate (reported as such), not a region left out.</summary>
    [Fact]
    public void ASecondAssignOfALoweredRegionIsNotLeftOut()
    {
        var text = Soc.Replace(Lowered, $"{Lowered}\n{Lowered}", StringComparison.Ordinal);

        var platform = Lowering.Lower(TempWorkspace.CompileText(text).Model);

        Assert.Single(platform.Assignments);
        Assert.Empty(platform.UnloweredAssignments);
    }
}
