using Rasdl.Parsing;

namespace Rasdl.Compiler.Tests.Parsing;

public class ParserTests
{
    [Fact]
    public void ThreeIndependentSyntaxErrorsAreAllReportedWithTheirPositions()
    {
        const string text = "block a : cpu {\n  on ur (read) -> sea\n  on ca -> sea;\n}\nblock b cpu { }\nroute a -> ;\n";

        var tree = Parser.Parse("t.rasdl", text);

        Assert.Equal(
            [
                "t.rasdl:2:22: error RASDL0001: expected ';' after rule",
                "t.rasdl:5:8: error RASDL0001: expected ':' in block, found 'cpu'",
                "t.rasdl:6:11: error RASDL0001: expected a name in route, found ';'",
            ],
            tree.Diagnostics.Select(d => d.ToString()));
    }
}
