namespace Rasdl.Cli.Tests.Infrastructure;

/// <summary>The diff baseline failures print must show exactly what changed.</summary>
public class LineDiffTests
{
    [Fact]
    public void ShowsRemovedThenAddedLinesWithContext()
    {
        var diff = LineDiff.Unified("a\nb\nc\nd\n", "a\nB\nc\nd\n", "old", "new", context: 1);
        Assert.Equal("--- old\n+++ new\n@@ expected line 1, actual line 1 @@\n a\n-b\n+B\n c\n", diff);
    }

    [Fact]
    public void FarApartChangesMakeSeparateHunks()
    {
        var expected = string.Join('\n', Enumerable.Range(0, 20).Select(i => $"line {i}"));
        var actual = expected.Replace("line 2\n", "", StringComparison.Ordinal).Replace("line 17", "LINE 17", StringComparison.Ordinal);
        var diff = LineDiff.Unified(expected, actual, "old", "new", context: 1);
        Assert.Equal(2, diff.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Contains("-line 2\n", diff);
        Assert.Contains("-line 17\n+LINE 17\n", diff);
    }

    [Fact]
    public void IdenticalTextsHaveNoHunk() =>
        Assert.Equal("--- old\n+++ new\n", LineDiff.Unified("x\ny", "x\ny", "old", "new"));
}
