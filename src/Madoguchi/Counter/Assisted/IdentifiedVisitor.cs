using Madoguchi.Counter.Assisted.Visits;
using Madoguchi.Platform.Assisted;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// A visitor once identified: their facts, the other members of their household (from the register;
/// staff mark who the visit concerns) and their resident account when it matched for sure.
/// </summary>
public sealed record IdentifiedVisitor(VisitorIdentification By, VisitorFacts Facts, Guid? ResidentId)
{
    /// <summary>The facts with only the household members staff marked (by their index in <see cref="VisitorFacts.Household"/>).</summary>
    public VisitorFacts For(IEnumerable<int> marked)
    {
        var chosen = marked.Distinct().Where(i => i >= 0 && i < Facts.Household.Count).Order().Select(i => Facts.Household[i]).ToList();
        return Facts with { Household = chosen };
    }
}
