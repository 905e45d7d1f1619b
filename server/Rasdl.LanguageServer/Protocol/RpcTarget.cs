using System.Diagnostics.CodeAnalysis;
using StreamJsonRpc;

namespace Rasdl.LanguageServer.Protocol;

/// <summary>
/// A handler object and the description of its <c>[JsonRpcMethod]</c> methods, taken from its
/// static type: the form StreamJsonRpc can dispatch to in a Native AOT build (the trimmer keeps
/// the methods the annotation names), where finding them from the object's runtime type could not.
/// </summary>
public sealed record RpcTarget(object Handler, RpcTargetMetadata Metadata)
{
    // FromClass closes generic types (Task<T> results) at run time. Every handler returns a
    // reference type, void or Task, whose closed forms share code Native AOT has compiled.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Handlers return reference types, void or Task (see above).")]
    public static RpcTarget Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(T handler)
        where T : class =>
        new(handler, RpcTargetMetadata.FromClass(typeof(T)));
}
