namespace Rasdl.Intermediate;

public sealed partial class IrShape
{
    /// <summary>
    /// Whether <paramref name="later"/> has <paramref name="earlier"/>'s shape (the content
    /// <see cref="Of"/> would write for each is the same), found by looking only at the elements
    /// the two do not share. An editor's next version lowers to the same element objects wherever
    /// its binding kept the symbols (<see cref="Lowering"/>), so after a keystroke all but a few
    /// of the platforms' elements are the same objects in the same places, and such an element
    /// writes the same content in both. Each element the two do not share is written alone,
    /// naming what it refers to, and compared with the one in its place; then the elements they
    /// share are checked to refer to nothing that moved. <paramref name="names"/> must be
    /// <paramref name="earlier"/>'s (<see cref="Names.Of"/>); a later platform of the same shape
    /// has the same ones.
    /// </summary>
    public static bool SameShape(PlatformIr earlier, PlatformIr later, Names names) =>
        ReferenceEquals(earlier, later) || new Comparison(earlier, later, names).Run();

    /// <summary>
    /// Where each block, endpoint, region and hypervisor of a platform is, by name: what lets an
    /// element be written alone (<see cref="SameShape"/>), its references by name rather than by
    /// place. Made only for a platform whose names are unique for each kind and whose every
    /// reference is to the element declared under its name: otherwise a name would not say
    /// which element is meant.
    /// </summary>
    public sealed class Names
    {
        private readonly Dictionary<string, int> _blocks;
        private readonly Dictionary<string, int> _endpoints;
        private readonly Dictionary<string, (int Endpoint, int Region)> _regions;
        private readonly Dictionary<string, int> _hypervisors;

        private Names(int blocks, int endpoints, int regions, int hypervisors)
        {
            _blocks = new(blocks, StringComparer.Ordinal);
            _endpoints = new(endpoints, StringComparer.Ordinal);
            _regions = new(regions, StringComparer.Ordinal);
            _hypervisors = new(hypervisors, StringComparer.Ordinal);
        }

        /// <summary>The platform's names, or null when a name is declared twice or a reference is to another element than the one its name declares.</summary>
        public static Names? Of(PlatformIr platform)
        {
            var regionCount = 0;
            foreach (var endpoint in platform.Endpoints)
            {
                regionCount += endpoint.Regions.Length;
            }

            var names = new Names(platform.Blocks.Length + 1, platform.Endpoints.Length, regionCount, platform.Hypervisors.Length);
            for (var i = 0; i < platform.Blocks.Length; i++)
            {
                if (!names._blocks.TryAdd(platform.Blocks[i].Name, i))
                {
                    return null;
                }
            }

            // The firmware is never referred to, but its name is a block's name.
            if (platform.Firmware is { } firmware && !names._blocks.TryAdd(firmware.Name, -1))
            {
                return null;
            }

            for (var e = 0; e < platform.Endpoints.Length; e++)
            {
                var endpoint = platform.Endpoints[e];
                if (!names._endpoints.TryAdd(endpoint.Name, e) || !names.Declares(platform, endpoint.Parent))
                {
                    return null;
                }

                for (var r = 0; r < endpoint.Regions.Length; r++)
                {
                    if (!names._regions.TryAdd(endpoint.Regions[r].QualifiedName, (e, r)))
                    {
                        return null;
                    }
                }
            }

            for (var i = 0; i < platform.Hypervisors.Length; i++)
            {
                if (!names._hypervisors.TryAdd(platform.Hypervisors[i].Name, i))
                {
                    return null;
                }
            }

            foreach (var route in platform.Routes)
            {
                foreach (var hop in route.Hops)
                {
                    if (!names.Declares(platform, hop))
                    {
                        return null;
                    }
                }
            }

            foreach (var assignment in platform.Assignments)
            {
                if (!names.Declares(platform, assignment.Endpoint) || !names.Declares(platform, assignment.Region))
                {
                    return null;
                }
            }

            foreach (var profile in platform.Profiles)
            {
                if (!names.Declares(platform, profile.Hypervisor))
                {
                    return null;
                }
            }

            return names;
        }

        /// <summary>Whether the element is the one the platform declares under its name (in the place these names give it).</summary>
        public bool Declares(PlatformIr platform, object element) => element switch
        {
            IrBlock block => _blocks.TryGetValue(block.Name, out var at) && at >= 0 && at < platform.Blocks.Length && ReferenceEquals(platform.Blocks[at], block),
            IrEndpoint endpoint => _endpoints.TryGetValue(endpoint.Name, out var at) && at < platform.Endpoints.Length && ReferenceEquals(platform.Endpoints[at], endpoint),
            IrRegion region => _regions.TryGetValue(region.QualifiedName, out var at) && at.Endpoint < platform.Endpoints.Length
                && platform.Endpoints[at.Endpoint].Regions is var regions && at.Region < regions.Length && ReferenceEquals(regions[at.Region], region),
            IrHypervisor hypervisor => _hypervisors.TryGetValue(hypervisor.Name, out var at) && at < platform.Hypervisors.Length && ReferenceEquals(platform.Hypervisors[at], hypervisor),
            _ => false,
        };
    }

    /// <summary>
    /// Two platforms compared place by place. Their content is the same exactly when the
    /// elements in each place correspond one to one, each writes what the one it corresponds to
    /// writes, and references go to corresponding elements. An element in the same place in both
    /// corresponds to itself; a pair of others corresponds when their content, references by
    /// name, is the same, and the names are the same place's in both (<see cref="Names"/>). What
    /// is left is that an element both share refers to nothing that is not in its place in both,
    /// and that a rule shared through <c>extends</c> is shared alike.
    /// </summary>
    private sealed class Comparison(PlatformIr earlier, PlatformIr later, Names names)
    {
        private readonly List<(object Earlier, object Later)> _pairs = [];

        // The earlier platform's blocks, endpoints, regions and hypervisors that are not in
        // their place in the later one: nothing the two share may refer to them.
        private readonly HashSet<object> _moved = new(ReferenceEqualityComparer.Instance);

        // Rules that are not in their place, of either platform, and which corresponds to which:
        // a rule shared by several blocks must correspond to the same rule in each.
        private readonly HashSet<IrRule> _movedRules = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<IrRule, IrRule> _rulesForward = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<IrRule, IrRule> _rulesBack = new(ReferenceEqualityComparer.Instance);

        public bool Run()
        {
            if (!earlier.Features.SetEquals(later.Features) || !SameUnlowered())
            {
                return false;
            }

            if (!ReferenceEquals(earlier.Firmware, later.Firmware))
            {
                if (earlier.Firmware is null || later.Firmware is null || !PairBlocks(earlier.Firmware, later.Firmware))
                {
                    return false;
                }
            }

            if (!Pair(earlier.Blocks, later.Blocks, PairBlocks)
                || !Pair(earlier.Endpoints, later.Endpoints, PairEndpoints)
                || !Pair(earlier.Routes, later.Routes, PairOthers)
                || !Pair(earlier.Hypervisors, later.Hypervisors, PairHypervisors)
                || !Pair(earlier.Assignments, later.Assignments, PairOthers)
                || !Pair(earlier.Profiles, later.Profiles, PairOthers))
            {
                return false;
            }

            foreach (var (was, now) in _pairs)
            {
                if (!SameContent(was, now))
                {
                    return false;
                }
            }

            return (_moved.Count == 0 && _movedRules.Count == 0) || SharedOnesReferToNothingMoved();
        }

        private static bool Pair<T>(System.Collections.Immutable.ImmutableArray<T> was, System.Collections.Immutable.ImmutableArray<T> now, Func<T, T, bool> pair)
            where T : class
        {
            if (was.Length != now.Length)
            {
                return false;
            }

            for (var i = 0; i < was.Length; i++)
            {
                if (!ReferenceEquals(was[i], now[i]) && !pair(was[i], now[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private bool PairOthers(object was, object now)
        {
            _pairs.Add((was, now));
            return true;
        }

        private bool PairHypervisors(IrHypervisor was, IrHypervisor now)
        {
            _moved.Add(was);
            return PairOthers(was, now);
        }

        private bool PairEndpoints(IrEndpoint was, IrEndpoint now)
        {
            _moved.Add(was);
            for (var r = 0; r < was.Regions.Length && r < now.Regions.Length; r++)
            {
                if (!ReferenceEquals(was.Regions[r], now.Regions[r]))
                {
                    _moved.Add(was.Regions[r]);
                }
            }

            // The rest of the regions are the earlier one's alone: moved too.
            for (var r = now.Regions.Length; r < was.Regions.Length; r++)
            {
                _moved.Add(was.Regions[r]);
            }

            return PairOthers(was, now);
        }

        private bool PairBlocks(IrBlock was, IrBlock now)
        {
            _moved.Add(was);
            if (was.Rules.Length != now.Rules.Length)
            {
                return false;
            }

            for (var i = 0; i < was.Rules.Length; i++)
            {
                // One rule for one rule, in every block that tries either (a rule in the same
                // place in both corresponds to itself, here as in the blocks both share).
                var (a, b) = (was.Rules[i], now.Rules[i]);
                if ((_rulesForward.TryGetValue(a, out var known) && !ReferenceEquals(known, b))
                    || (_rulesBack.TryGetValue(b, out var knownBack) && !ReferenceEquals(knownBack, a)))
                {
                    return false;
                }

                _rulesForward[a] = b;
                _rulesBack[b] = a;
                if (!ReferenceEquals(a, b))
                {
                    _movedRules.Add(a);
                    _movedRules.Add(b);
                }
            }

            return PairOthers(was, now);
        }

        // The two elements write the same content, references by name: the earlier one's names
        // are the ones in the earlier platform (Names.Of checked them), the later one's must be
        // the ones the later platform declares in the same places.
        private bool SameContent(object was, object now)
        {
            var wrote = Writer.ByName(earlier.Placement, null, _ => true);
            wrote.WriteElement(was);
            var compared = Writer.ByName(later.Placement, wrote.Content, element => names.Declares(later, element));
            return compared.WriteElement(now);
        }

        // An element both platforms have in the same place writes the same content in both,
        // unless it refers to something that is not in its place in both.
        private bool SharedOnesReferToNothingMoved()
        {
            for (var i = 0; i < later.Blocks.Length; i++)
            {
                if (ReferenceEquals(earlier.Blocks[i], later.Blocks[i]) && _movedRules.Count > 0)
                {
                    foreach (var rule in later.Blocks[i].Rules)
                    {
                        if (_movedRules.Contains(rule))
                        {
                            return false;
                        }
                    }
                }
            }

            if (_moved.Count == 0)
            {
                return true;
            }

            for (var i = 0; i < later.Endpoints.Length; i++)
            {
                if (ReferenceEquals(earlier.Endpoints[i], later.Endpoints[i]) && _moved.Contains(later.Endpoints[i].Parent))
                {
                    return false;
                }
            }

            for (var i = 0; i < later.Routes.Length; i++)
            {
                if (ReferenceEquals(earlier.Routes[i], later.Routes[i]))
                {
                    foreach (var hop in later.Routes[i].Hops)
                    {
                        if (_moved.Contains(hop))
                        {
                            return false;
                        }
                    }
                }
            }

            for (var i = 0; i < later.Assignments.Length; i++)
            {
                var assignment = later.Assignments[i];
                if (ReferenceEquals(earlier.Assignments[i], assignment) && (_moved.Contains(assignment.Endpoint) || _moved.Contains(assignment.Region)))
                {
                    return false;
                }
            }

            for (var i = 0; i < later.Profiles.Length; i++)
            {
                if (ReferenceEquals(earlier.Profiles[i], later.Profiles[i]) && _moved.Contains(later.Profiles[i].Hypervisor))
                {
                    return false;
                }
            }

            return true;
        }

        // The `assign`s not lowered: by name and file, as the shape writes them.
        private bool SameUnlowered()
        {
            var (was, now) = (earlier.UnloweredAssignments, later.UnloweredAssignments);
            if (was.Length != now.Length)
            {
                return false;
            }

            for (var i = 0; i < was.Length; i++)
            {
                if (!string.Equals(was[i].Name, now[i].Name, StringComparison.Ordinal) || !string.Equals(was[i].Location.Path, now[i].Location.Path, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
