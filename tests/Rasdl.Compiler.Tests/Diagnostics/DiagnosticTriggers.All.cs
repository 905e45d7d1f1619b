namespace Rasdl.Compiler.Tests.Diagnostics;

public static partial class DiagnosticTriggers
{
    public static IEnumerable<Trigger> All => Syntax.Concat(Binding).Concat(Style).Concat(Containment);

    /// <summary>Containment (RASDL2xxx) and lowering triggers; see DiagnosticTriggers.Containment.cs when the engine is present.</summary>
    public static IEnumerable<Trigger> Containment => ContainmentTriggers();

    static partial void AddContainmentTriggers(List<Trigger> triggers);

    private static List<Trigger> ContainmentTriggers()
    {
        var triggers = new List<Trigger>();
        AddContainmentTriggers(triggers);
        return triggers;
    }
}
