namespace Madoguchi.Platform.Tenancy;

/// <summary>Route constraint <c>{tenant:municipality}</c>: six digits with a valid check digit.</summary>
internal sealed class MunicipalityRouteConstraint : IRouteConstraint
{
    public const string Name = "municipality";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && MunicipalityCode.IsValid(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
}
