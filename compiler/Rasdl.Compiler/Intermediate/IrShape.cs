using System.Collections.Immutable;
using Rasdl.Semantics;
using Rasdl.Text;
using Rasdl.Vocabulary;

namespace Rasdl.Intermediate;

/// <summary>
/// A <see cref="PlatformIr"/> with its source positions taken out: every name, kind, rule,
/// fault, claim, policy and treatment the engine and its diagnostics read, the files they are
/// written in, and which element refers to which (by place in its list, so a rule shared
/// through <c>extends</c> stays shared). Two platforms of the same shape are analysed alike, path
/// for path and word for word; only where their elements are written can differ, and
/// <see cref="Locations"/> lists those places in the same order for both, so each place of
/// one maps to the other's.
///
/// An edit that moves text without changing what it says (a space, a comment, a size, a name
/// typed wrong and then right again) leaves the shape as it was: the language server then moves
/// the earlier findings instead of walking every path again (<see cref="Engine.ContainmentFindings"/>).
/// Everything the engine reads must be written here: ShapeCoverageTests fails when an IR
/// record gains a property this writer does not know of.
/// </summary>
public sealed class IrShape
{
    private IrShape(string content, ImmutableArray<SourceLocation> locations)
    {
        Content = content;
        Locations = locations;
    }

    /// <summary>Everything but positions, written out; equal content means an equal analysis.</summary>
    public string Content { get; }

    /// <summary>The place of every located element, in the order the content meets them.</summary>
    public ImmutableArray<SourceLocation> Locations { get; }

    public bool SameContent(IrShape other) => string.Equals(Content, other.Content, StringComparison.Ordinal);

    public static IrShape Of(PlatformIr platform) => new Writer(platform).Write(platform);

    private static long s_undeclared;

    private sealed class Writer
    {
        private readonly CharBuffer _content = new();
        private readonly ImmutableArray<SourceLocation>.Builder _locations = ImmutableArray.CreateBuilder<SourceLocation>();
        private readonly Dictionary<object, int> _ordinals;
        private readonly Dictionary<string, int> _paths = new(StringComparer.Ordinal);
        private string? _lastPath;
        private int _lastPathOrdinal;

        public Writer(PlatformIr platform)
        {
            // Sized once: an element of each kind, and a rule per rule written (at most).
            var elements = platform.Blocks.Length + platform.Endpoints.Length + platform.Hypervisors.Length + 1;
            foreach (var block in platform.Blocks)
            {
                elements += block.Rules.Length;
            }

            foreach (var endpoint in platform.Endpoints)
            {
                elements += endpoint.Regions.Length;
            }

            _ordinals = new(elements, ReferenceEqualityComparer.Instance);
        }

        public IrShape Write(PlatformIr platform)
        {
            Section("features");
            foreach (var feature in platform.Features.Order())
            {
                Value((int)feature);
            }

            Section("blocks");
            foreach (var block in platform.Blocks)
            {
                Block(block);
            }

            Section("firmware");
            if (platform.Firmware is { } firmware)
            {
                Block(firmware);
            }

            Section("endpoints");
            foreach (var endpoint in platform.Endpoints)
            {
                Endpoint(endpoint);
            }

            Section("routes");
            foreach (var route in platform.Routes)
            {
                Located(route.Location);
                foreach (var hop in route.Hops)
                {
                    Reference(hop);
                }
            }

            Section("hypervisors");
            foreach (var hypervisor in platform.Hypervisors)
            {
                Hypervisor(hypervisor);
            }

            Section("assignments");
            foreach (var assignment in platform.Assignments)
            {
                Located(assignment.Location);
                Reference(assignment.Endpoint);
                Reference(assignment.Region);
                Value((int)assignment.Driver);
            }

            Section("profiles");
            foreach (var profile in platform.Profiles)
            {
                Located(profile.Location);
                Text(profile.Name);
                Reference(profile.Hypervisor);
            }

            Section("unlowered");
            foreach (var (name, location) in platform.UnloweredAssignments)
            {
                Located(location);
                Text(name);
            }

            return new IrShape(_content.ToString(), _locations.ToImmutable());
        }

        private void Block(IrBlock block)
        {
            Declare(block);
            Located(block.Location);
            Text(block.Name);
            Value((int)block.Kind);
            Values(block.Rules.Length);
            foreach (var rule in block.Rules)
            {
                // A rule shared through `extends` is one object in several blocks: written once, then referred to.
                if (!Declare(rule))
                {
                    Reference(rule);
                    continue;
                }

                Located(rule.Location);
                Text(rule.DeclaringBlock);
                Value((int)rule.Error);
                Words(rule.Accesses);
                Value((int)rule.MemoryTypes);
                Value(rule.SeesSpeculation ? 1 : 0);
                Values(rule.Outcomes.Length);
                foreach (var outcome in rule.Outcomes)
                {
                    Outcome(outcome);
                }
            }

            Section("claims");
            foreach (var claim in block.Claims)
            {
                Located(claim.Location);
                Value((int)claim.Kind);
                Words(claim.Accesses);
            }

            Section("firmware rules");
            foreach (var rule in block.FirmwareRules)
            {
                Located(rule.Location);
                Value((int)rule.Input);
                Values(rule.Severities.IsDefault ? -1 : rule.Severities.Length);
                foreach (var severity in rule.Severities.IsDefault ? [] : rule.Severities)
                {
                    Value((int)severity);
                }

                Values(rule.Irqs.IsDefault ? -1 : rule.Irqs.Length);
                foreach (var irq in rule.Irqs.IsDefault ? [] : rule.Irqs)
                {
                    Value((int)irq);
                }

                Value((int)rule.Reports);
            }
        }

        private void Outcome(Semantics.Outcome outcome)
        {
            Located(outcome.Location);
            Value((int)outcome.Kind);
            Optional(outcome.PassedError is { } passed ? (int)passed : null);
            Optional(outcome.Severity is { } severity ? (int)severity : null);
            Optional(outcome.Irq is { } irq ? (int)irq : null);
        }

        private void Endpoint(IrEndpoint endpoint)
        {
            Declare(endpoint);
            Located(endpoint.Location);
            Text(endpoint.Name);
            Reference(endpoint.Parent);
            Value(endpoint.FaultsDeclared ? 1 : 0);
            Values(endpoint.Faults.Length);
            foreach (var fault in endpoint.Faults)
            {
                Located(fault.Location);
                Value((int)fault.Error);
            }

            Values(endpoint.Regions.Length);
            foreach (var region in endpoint.Regions)
            {
                Declare(region);
                Located(region.Location);
                Text(region.QualifiedName);
            }
        }

        private void Hypervisor(IrHypervisor hypervisor)
        {
            Declare(hypervisor);
            Located(hypervisor.Location);
            Text(hypervisor.Name);
            Values(hypervisor.Stage2Policies.Length);
            foreach (var policy in hypervisor.Stage2Policies)
            {
                Located(policy.Location);
                Value((int)policy.Driver);
                Value((int)policy.Attribute);
                Features(policy.Conditions);
            }

            Values(hypervisor.Treatments.Length);
            foreach (var treatment in hypervisor.Treatments)
            {
                Located(treatment.Location);
                Value((int)treatment.Outcome);
                Optional(treatment.Severity is { } severity ? (int)severity : null);
                Features(treatment.Conditions);
                Value((int)treatment.Action);
                Optional(treatment.Irq is { } irq ? (int)irq : null);
                Optional(treatment.Context is { } context ? (int)context : null);
            }
        }

        private void Features(ImmutableHashSet<Feature> features)
        {
            Values(features.Count);
            foreach (var feature in features.Order())
            {
                Value((int)feature);
            }
        }

        private void Words(ImmutableArray<AccessWord> words)
        {
            Values(words.IsDefault ? -1 : words.Length);
            foreach (var word in words.IsDefault ? [] : words)
            {
                Value((int)word);
            }
        }

        // An element's ordinal is its place among the elements declared so far: references to it
        // are written as that number, so two shapes refer alike exactly when their graphs do.
        private bool Declare(object element)
        {
            if (_ordinals.ContainsKey(element))
            {
                return false;
            }

            _ordinals[element] = _ordinals.Count;
            return true;
        }

        // An element referred to but never declared cannot be matched with another shape's: it is
        // written as a number no other shape holds, so the two never compare equal.
        private void Reference(object element)
        {
            if (_ordinals.TryGetValue(element, out var ordinal))
            {
                Value(ordinal);
            }
            else
            {
                _content.Append('?');
                Number(Interlocked.Increment(ref s_undeclared));
            }
        }

        // Where an element is written: its file is part of the content (a place in the standard
        // library is reported at the user's assignment instead), its position is not. A file is
        // written out where it is first met, then by its number.
        private void Located(SourceLocation location)
        {
            _locations.Add(location);
            if (ReferenceEquals(location.Path, _lastPath))
            {
                Value(_lastPathOrdinal);
            }
            else if (_paths.TryGetValue(location.Path, out var known))
            {
                Value(known);
                (_lastPath, _lastPathOrdinal) = (location.Path, known);
            }
            else
            {
                _paths[location.Path] = _paths.Count;
                Text(location.Path);
                (_lastPath, _lastPathOrdinal) = (location.Path, _paths.Count - 1);
            }
        }

        // Written compactly (the editor makes a shape per keystroke): a marker, then numbers as
        // two 16-bit characters, text after its length. Markers keep fields of different kinds
        // from running into each other.
        private void Section(string name) => _content.Append('\u0002').Append(name);

        private void Text(string text)
        {
            _content.Append('\u0001');
            Number(text.Length);
            _content.Append(text);
        }

        private void Value(int value)
        {
            _content.Append('\u0004');
            Number(value);
        }

        private void Values(int count)
        {
            _content.Append('\u0003');
            Number(count);
        }

        private void Optional(int? value)
        {
            if (value is { } v)
            {
                Value(v);
            }
            else
            {
                _content.Append('\u0005');
            }
        }

        private void Number(long value) => _content.Append((char)(value & 0xFFFF), (char)((value >> 16) & 0xFFFF), (char)((value >> 32) & 0xFFFF));
    }

    // A growing character buffer: the shape is written a character or three at a time.
    private sealed class CharBuffer
    {
        private char[] _buffer = new char[4096];
        private int _length;

        public CharBuffer Append(char c)
        {
            Reserve(1);
            _buffer[_length++] = c;
            return this;
        }

        public void Append(char a, char b, char c)
        {
            Reserve(3);
            _buffer[_length] = a;
            _buffer[_length + 1] = b;
            _buffer[_length + 2] = c;
            _length += 3;
        }

        public CharBuffer Append(string text)
        {
            Reserve(text.Length);
            text.CopyTo(0, _buffer, _length, text.Length);
            _length += text.Length;
            return this;
        }

        public override string ToString() => new(_buffer, 0, _length);

        private void Reserve(int count)
        {
            if (_length + count > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
            }
        }
    }
}
