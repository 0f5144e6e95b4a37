using System.Text.Json;
using System.Text.RegularExpressions;

namespace Madoguchi.Procedures.Forms.Schema;

/// <summary>
/// Evaluates one instance against compiled nodes. Holds the per-evaluation state: the dynamic scope
/// that <c>$dynamicRef</c> searches, and the (schema, instance location) pairs in progress, which
/// is how a <c>$ref</c> cycle that would never consume input is caught instead of overflowing the stack.
/// </summary>
internal sealed partial class SchemaEvaluator(SchemaResolver resolver, SchemaEvaluationOptions options)
{
    /// <summary>Far deeper than any form; reached only by schemas that recurse through ever-new nodes.</summary>
    private const int MaxDepth = 512;

    private readonly List<string> dynamicScope = [];
    private readonly HashSet<(SchemaNode Schema, InstancePath Location)> inProgress = [];
    private int depth;

    public SchemaEvaluationResult Evaluate(SchemaNode root, JsonElement instance)
    {
        var errors = new List<SchemaError>();
        var valid = Evaluate(root, instance, InstancePath.Root, errors, out _);
        return new SchemaEvaluationResult(valid, errors);
    }

    private bool Evaluate(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors, out EvaluatedLocations evaluated)
    {
        evaluated = new EvaluatedLocations();
        if (node.BooleanValue is { } constant)
        {
            if (!constant)
            {
                Report(errors, node, "false", location);
            }
            return constant;
        }
        if (depth >= MaxDepth || !inProgress.Add((node, location)))
        {
            Report(errors, node, "$ref", location);
            return false;
        }
        depth++;
        var entersResource = dynamicScope.Count == 0 || dynamicScope[^1] != node.ResourceUri;
        if (entersResource)
        {
            dynamicScope.Add(node.ResourceUri);
        }

        var valid = EvaluateReferences(node, instance, location, errors, evaluated);
        if (node.Vocabularies.HasFlag(SchemaVocabularies.Applicator))
        {
            valid &= EvaluateApplicators(node, instance, location, errors, evaluated);
        }
        if (node.Vocabularies.HasFlag(SchemaVocabularies.Validation))
        {
            valid &= EvaluateValidation(node, instance, location, errors);
        }
        valid &= EvaluateFormat(node, instance, location, errors);
        if (node.Vocabularies.HasFlag(SchemaVocabularies.Unevaluated))
        {
            valid &= EvaluateUnevaluated(node, instance, location, errors, evaluated);
        }

        if (entersResource)
        {
            dynamicScope.RemoveAt(dynamicScope.Count - 1);
        }
        inProgress.Remove((node, location));
        depth--;
        return valid;
    }

    /// <summary>Evaluates a subschema against the same instance; its annotations count only if it passed.</summary>
    private bool EvaluateInPlace(SchemaNode subschema, JsonElement instance, InstancePath location, List<SchemaError>? errors, EvaluatedLocations evaluated)
    {
        var valid = Evaluate(subschema, instance, location, errors, out var inner);
        if (valid)
        {
            evaluated.Merge(inner);
        }
        return valid;
    }

    /// <summary>
    /// Evaluates a subschema against a child of the instance. A <c>false</c> child is reported under
    /// the keyword that applied it, so "additionalProperties: false" reads as an unexpected field.
    /// </summary>
    private bool EvaluateChild(SchemaNode parent, string keyword, SchemaNode subschema, JsonElement child, InstancePath childLocation, List<SchemaError>? errors)
    {
        if (subschema.BooleanValue == false)
        {
            Report(errors, parent, keyword, childLocation);
            return false;
        }
        return Evaluate(subschema, child, childLocation, errors, out _);
    }

    private bool EvaluateReferences(SchemaNode node, JsonElement instance, InstancePath location, List<SchemaError>? errors, EvaluatedLocations evaluated)
    {
        var valid = true;
        if (node.Ref is { } reference)
        {
            var target = node.RefTarget ??= resolver.Resolve(reference);
            if (target is null)
            {
                Report(errors, node, "$ref", location);
                valid = false;
            }
            else
            {
                valid &= EvaluateInPlace(target, instance, location, errors, evaluated);
            }
        }
        if (node.DynamicRef is { } dynamicReference)
        {
            if (ResolveDynamic(dynamicReference) is { } target)
            {
                valid &= EvaluateInPlace(target, instance, location, errors, evaluated);
            }
            else
            {
                Report(errors, node, "$dynamicRef", location);
                valid = false;
            }
        }
        return valid;
    }

    /// <summary>
    /// Draft 2020-12 §8.2.3.2: only when the statically resolved target itself declares the
    /// matching $dynamicAnchor does the outermost resource in the dynamic scope with that anchor win.
    /// </summary>
    private SchemaNode? ResolveDynamic(string reference)
    {
        var target = resolver.Resolve(reference);
        var (_, fragment) = UriReferences.Split(reference);
        if (target?.DynamicAnchor is null || string.IsNullOrEmpty(fragment) || fragment.StartsWith('/') || target.DynamicAnchor != fragment)
        {
            return target;
        }
        foreach (var resource in dynamicScope)
        {
            if (resolver.FindDynamicAnchor(resource, fragment) is { } outermost)
            {
                return outermost;
            }
        }
        return target;
    }

    /// <summary>Regex matching that turns a timeout into "could not check" rather than an exception.</summary>
    private static bool? Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static void Report(List<SchemaError>? errors, SchemaNode node, string keyword, InstancePath location, SchemaNode? fieldSchema = null, string? message = null)
    {
        if (errors is null)
        {
            return;
        }
        var schemaLocation = keyword == "false" ? node.Location : node.KeywordLocation(keyword);
        errors.Add(new SchemaError(location.ToString(), keyword, schemaLocation, message ?? ErrorMessages.For(node, keyword, fieldSchema)));
    }
}
