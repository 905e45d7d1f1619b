using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rasdl.Semantics;
using Rasdl.Syntax;
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
/// Everything the engine reads must be written here: ContainmentFindingsTests fails when an IR
/// record gains a property this writer does not know of.
/// </summary>
public sealed partial class IrShape
{
    private IrShape(string content, ImmutableArray<SourceLocation> locations)
    {
        Content = content;
        Locations = locations;
    }

    /// <summary>Everything but positions, written out; equal content means an equal analysis.</summary>
    public string Content { get; }

    /// <summary>
    /// The place of every located element, in the order the content meets them; empty when the
    /// shape was made without them (nothing was found, so there is nothing to move).
    /// </summary>
    public ImmutableArray<SourceLocation> Locations { get; }

    public bool SameContent(IrShape other) => ReferenceEquals(Content, other.Content) || string.Equals(Content, other.Content, StringComparison.Ordinal);

    /// <param name="withLocations">Whether to list the elements' places (<see cref="Locations"/>).</param>
    public static IrShape Of(PlatformIr platform, bool withLocations = true)
    {
        var writer = new Writer(platform, null, withLocations);
        writer.Write(platform);
        return new IrShape(writer.Content, writer.Locations);
    }

    /// <summary>
    /// The platform's shape if it has this one's content, else null. The platform is compared
    /// as it is written, so the same shape costs no second copy of the content (the one returned
    /// shares this one's) and a different one stops at the first difference.
    /// </summary>
    /// <param name="withLocations">Whether to list the platform's places (<see cref="Locations"/>).</param>
    public IrShape? Match(PlatformIr platform, bool withLocations)
    {
        var writer = new Writer(platform, this, withLocations);
        return writer.Write(platform) ? new IrShape(Content, writer.Locations) : null;
    }

    /// <summary>The same content without the places: what a later version of the same words can share.</summary>
    public IrShape WithoutLocations() => Locations.IsEmpty ? this : new IrShape(Content, []);

    private static long s_undeclared;

    private static readonly Feature[] s_features = Enum.GetValues<Feature>();

    // The marker of each section: one character each.
    private enum Part
    {
        Features = 'a',
        Blocks,
        Firmware,
        Endpoints,
        Routes,
        Hypervisors,
        Assignments,
        Profiles,
        Unlowered,
        Claims,
        FirmwareRules,
    }

    private sealed class Writer
    {
        private readonly ShapeText _content;
        private readonly Placement _placement;
        private readonly PlacementRun _places;
        private readonly SourceLocation[]? _locations;
        private readonly List<SourceLocation>? _newLocations;
        private int _locationCount;
        private readonly Dictionary<Element, int> _ordinals;
        private readonly Dictionary<string, int> _paths = new(StringComparer.Ordinal);
        private string? _lastPath;
        private int _lastPathOrdinal;

        // Set when one element is written to be compared with another platform's (see
        // Comparison): a reference is then written as the name of what it refers to and must be
        // what the platform declares under that name; a file, as its path.
        private readonly Func<object, bool>? _declared;

        private Writer(Placement placement, string? expected, Func<object, bool> declared)
        {
            _placement = placement;
            _places = new PlacementRun(placement);
            _ordinals = [];
            _content = new ShapeText(expected);
            _declared = declared;
        }

        /// <summary>A writer of single elements, whose references are written by name; given what another element wrote, it compares with that.</summary>
        public static Writer ByName(Placement placement, string? expected, Func<object, bool> declared) => new(placement, expected, declared);

        // With an expected shape, the content is compared with its as it is written, and the
        // places go to an array the size of its places (a shape made without places matches
        // none made with them).
        public Writer(PlatformIr platform, IrShape? expected, bool withLocations)
        {
            _placement = platform.Placement;
            _places = new PlacementRun(platform.Placement);
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

            _ordinals = new(elements);
            _content = new ShapeText(expected?.Content);
            if (withLocations && expected is not null)
            {
                _locations = new SourceLocation[expected.Locations.Length];
            }
            else if (withLocations)
            {
                // Nearly every element has a place, and so do assignments and profiles.
                _newLocations = new(elements + platform.Assignments.Length + platform.Profiles.Length);
            }
        }

        public string Content => _content.Finish();

        public ImmutableArray<SourceLocation> Locations =>
            _locations is not null ? ImmutableCollectionsMarshal.AsImmutableArray(_locations)
            : _newLocations is not null ? [.. _newLocations]
            : [];

        // Writes the platform; false as soon as it differs from the expected shape.
        public bool Write(PlatformIr platform)
        {
            Section(Part.Features);
            foreach (var feature in s_features)
            {
                if (platform.Features.Contains(feature))
                {
                    Value((int)feature);
                }
            }

            Section(Part.Blocks);
            foreach (var block in platform.Blocks)
            {
                Block(block);
                if (_content.Differs)
                {
                    return false;
                }
            }

            Section(Part.Firmware);
            if (platform.Firmware is { } firmware)
            {
                Block(firmware);
            }

            Section(Part.Endpoints);
            foreach (var endpoint in platform.Endpoints)
            {
                Endpoint(endpoint);
                if (_content.Differs)
                {
                    return false;
                }
            }

            Section(Part.Routes);
            foreach (var route in platform.Routes)
            {
                Route(route);
            }

            Section(Part.Hypervisors);
            foreach (var hypervisor in platform.Hypervisors)
            {
                Hypervisor(hypervisor);
            }

            Section(Part.Assignments);
            foreach (var assignment in platform.Assignments)
            {
                Assignment(assignment);
            }

            Section(Part.Profiles);
            foreach (var profile in platform.Profiles)
            {
                Profile(profile);
            }

            Section(Part.Unlowered);
            foreach (var (name, location) in platform.UnloweredAssignments)
            {
                Located(location);
                Text(name);
            }

            return _content.Ends() && (_locations is null || _locationCount == _locations.Length);
        }

        /// <summary>One element alone (by name: see <see cref="ByName"/>); false as soon as it differs from the expected one.</summary>
        public bool WriteElement(object element)
        {
            switch (element)
            {
                case IrBlock block:
                    Block(block);
                    break;
                case IrEndpoint endpoint:
                    Endpoint(endpoint);
                    break;
                case IrRoute route:
                    Route(route);
                    break;
                case IrHypervisor hypervisor:
                    Hypervisor(hypervisor);
                    break;
                case IrAssignment assignment:
                    Assignment(assignment);
                    break;
                case IrProfile profile:
                    Profile(profile);
                    break;
                default:
                    _content.Differ();
                    break;
            }

            return _content.Ends();
        }

        private void Route(IrRoute route)
        {
            Located(route.Place);
            foreach (var hop in route.Hops)
            {
                Reference(hop);
            }
        }

        private void Assignment(IrAssignment assignment)
        {
            Located(assignment.Place);
            Reference(assignment.Endpoint);
            Reference(assignment.Region);
            Value((int)assignment.Driver);
        }

        private void Profile(IrProfile profile)
        {
            Located(profile.Place);
            Text(profile.Name);
            Reference(profile.Hypervisor);
        }

        private void Block(IrBlock block)
        {
            Declare(block);
            Located(block.Place);
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

                Located(rule.Place);
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

            Section(Part.Claims);
            foreach (var claim in block.Claims)
            {
                Located(claim.Place);
                Value((int)claim.Kind);
                Words(claim.Accesses);
            }

            Section(Part.FirmwareRules);
            foreach (var rule in block.FirmwareRules)
            {
                Located(rule.Place);
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
            Located(outcome.Place);
            Value((int)outcome.Kind);
            Optional(outcome.PassedError is { } passed ? (int)passed : null);
            Optional(outcome.Severity is { } severity ? (int)severity : null);
            Optional(outcome.Irq is { } irq ? (int)irq : null);
        }

        private void Endpoint(IrEndpoint endpoint)
        {
            Declare(endpoint);
            Located(endpoint.Place);
            Text(endpoint.Name);
            Reference(endpoint.Parent);
            Value(endpoint.FaultsDeclared ? 1 : 0);
            Values(endpoint.Faults.Length);
            foreach (var fault in endpoint.Faults)
            {
                Located(fault.Place);
                Value((int)fault.Error);
            }

            Values(endpoint.Regions.Length);
            foreach (var region in endpoint.Regions)
            {
                Declare(region);
                Located(region.Place);
                Text(region.QualifiedName);
            }
        }

        private void Hypervisor(IrHypervisor hypervisor)
        {
            Declare(hypervisor);
            Located(hypervisor.Place);
            Text(hypervisor.Name);
            Values(hypervisor.Stage2Policies.Length);
            foreach (var policy in hypervisor.Stage2Policies)
            {
                Located(policy.Place);
                Value((int)policy.Driver);
                Value((int)policy.Attribute);
                Features(policy.Conditions);
            }

            Values(hypervisor.Treatments.Length);
            foreach (var treatment in hypervisor.Treatments)
            {
                Located(treatment.Place);
                Value((int)treatment.Outcome);
                Optional(treatment.Severity is { } severity ? (int)severity : null);
                Features(treatment.Conditions);
                Value((int)treatment.Action);
                Optional(treatment.Irq is { } irq ? (int)irq : null);
                Optional(treatment.Context is { } context ? (int)context : null);
            }
        }

        // In the order of the enumeration (a set has none of its own), without sorting them.
        private void Features(ImmutableHashSet<Feature> features)
        {
            Values(features.Count);
            if (features.Count == 0)
            {
                return;
            }

            foreach (var feature in s_features)
            {
                if (features.Contains(feature))
                {
                    Value((int)feature);
                }
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
        // Written by name, an element declares nothing: each rule of a block is written whole
        // (the rules shared through `extends` are told by the comparison, see Comparison).
        private bool Declare(object element)
        {
            return _declared is not null || _ordinals.TryAdd(new Element(element), _ordinals.Count);
        }

        // An element referred to but never declared cannot be matched with another shape's: it is
        // written as a number no other shape holds, so the two never compare equal.
        private void Reference(object element)
        {
            if (_declared is not null)
            {
                ReferenceByName(element);
                return;
            }

            if (_ordinals.TryGetValue(new Element(element), out var ordinal))
            {
                Value(ordinal);
            }
            else
            {
                _content.Append('?');
                Number(Interlocked.Increment(ref s_undeclared));
            }
        }

        // By the name of what it refers to, which the platform must declare under that name.
        private void ReferenceByName(object element)
        {
            var (kind, name) = element switch
            {
                IrBlock block => ('b', block.Name),
                IrEndpoint endpoint => ('e', endpoint.Name),
                IrRegion region => ('r', region.QualifiedName),
                IrHypervisor hypervisor => ('h', hypervisor.Name),
                _ => ('?', ""),
            };
            if (kind == '?' || !_declared!(element))
            {
                _content.Differ();
                return;
            }

            _content.Append('\u0006', kind);
            Text(name);
        }

        // Where an element is written: its file is part of the content (a place in the standard
        // library is reported at the user's assignment instead), its position is not. A file is
        // written out where it is first met, then by its number.
        private void Located(SourceLocation location)
        {
            if (_locations is not null)
            {
                // More places than the expected shape has: a difference (the content says so too).
                if (_locationCount == _locations.Length)
                {
                    _content.Differ();
                    return;
                }

                _locations[_locationCount++] = location;
            }

            _newLocations?.Add(location);
            LocatedIn(location.Path);
        }

        // An element the IR shares with the semantic model (a rule's outcome, a fault, a claim,
        // a policy): a place in its declaration, made a place in the file only when the places
        // are listed. A shape without them, the common case, needs the file alone.
        private void Located(Place place)
        {
            if (_locations is not null || _newLocations is not null)
            {
                Located(_placement.LocationOf(place));
                return;
            }

            LocatedIn(_places.Find(place.Owner).Tree.Path);
        }

        private void LocatedIn(string path)
        {
            if (_declared is not null)
            {
                Text(path);
            }
            else if (ReferenceEquals(path, _lastPath))
            {
                Value(_lastPathOrdinal);
            }
            else if (_paths.TryGetValue(path, out var known))
            {
                Value(known);
                (_lastPath, _lastPathOrdinal) = (path, known);
            }
            else
            {
                _paths[path] = _paths.Count;
                Text(path);
                (_lastPath, _lastPathOrdinal) = (path, _paths.Count - 1);
            }
        }

        // Written compactly (the editor makes a shape per keystroke): a marker, then a number
        // (15 bits a character, the high bit set on all but its last), text after its length.
        // Markers keep fields of different kinds from running into each other.
        private void Section(Part part) => _content.Append('\u0002', (char)part);

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

        private void Number(long value)
        {
            var rest = (ulong)value;
            while (rest >= 0x8000)
            {
                _content.Append((char)(0x8000 | (rest & 0x7FFF)));
                rest >>= 15;
            }

            _content.Append((char)rest);
        }
    }

    // An element by its identity (a record's own equality would compare its whole value). A
    // struct key with its own equality lets the dictionary call it directly, where a comparer
    // object would be called through an interface for every element.
    private readonly struct Element(object value) : IEquatable<Element>
    {
        private readonly object _value = value;

        public bool Equals(Element other) => ReferenceEquals(_value, other._value);

        public override bool Equals(object? obj) => obj is Element other && Equals(other);

        public override int GetHashCode() => RuntimeHelpers.GetHashCode(_value);
    }

    /// <summary>
    /// Where the shape is written: a growing buffer, or, given the content of an earlier shape,
    /// a comparison with it that remembers whether they differ (and then stops comparing).
    /// </summary>
    private sealed class ShapeText(string? expected)
    {
        // Borrowed while writing: only the finished content stays.
        private char[] _buffer = expected is null ? ArrayPool<char>.Shared.Rent(1 << 16) : [];
        private int _length;

        public bool Differs { get; private set; }

        public void Append(char c)
        {
            if (expected is null)
            {
                if (_length == _buffer.Length)
                {
                    Grow(1);
                }

                _buffer[_length++] = c;
            }
            else if (!Differs && _length < expected.Length && expected[_length] == c)
            {
                _length++;
            }
            else
            {
                Differs = true;
            }
        }

        public void Append(char a, char b)
        {
            Append(a);
            Append(b);
        }

        public void Append(string text)
        {
            if (expected is null)
            {
                if (_length + text.Length > _buffer.Length)
                {
                    Grow(text.Length);
                }

                text.CopyTo(0, _buffer, _length, text.Length);
                _length += text.Length;
            }
            else if (!Differs && _length + text.Length <= expected.Length && expected.AsSpan(_length, text.Length).SequenceEqual(text))
            {
                _length += text.Length;
            }
            else
            {
                Differs = true;
            }
        }

        public void Differ() => Differs = true;

        // Whether the comparison met the whole of the expected content and nothing else.
        public bool Ends() => !Differs && (expected is null || _length == expected.Length);

        // The content written (or the expected one, which it equals when nothing differs); the buffer goes back.
        public string Finish()
        {
            if (expected is not null)
            {
                return expected;
            }

            var content = new string(_buffer, 0, _length);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
            return content;
        }

        private void Grow(int count)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = larger;
        }
    }
}
