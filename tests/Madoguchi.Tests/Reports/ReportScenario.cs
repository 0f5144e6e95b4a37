using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Reports;

/// <summary>A municipality that takes reports: a square area around 古川, a road category routed to its first department, one facility.</summary>
public static class ReportScenario
{
    public const string Category = "road-damage";
    public const double InsideLat = 38.5770, InsideLon = 140.9556;
    public const string AreaGeoJson = """{"type":"Polygon","coordinates":[[[140.9,38.5],[141.0,38.5],[141.0,38.6],[140.9,38.6],[140.9,38.5]]]}""";

    public sealed record Setup(TestData.TenantInfo Tenant, Guid CategoryId, Guid FacilityId);

    public static async Task<Setup> ReportingTenantAsync(this MadoguchiApp app, Guid? department = null)
    {
        var tenant = await app.TenantAsync();
        var category = new ReportCategory
        {
            TenantId = tenant.Id, Code = Category, Name = "道路・側溝の損傷", DepartmentId = department ?? tenant.DepartmentId, DuplicateRadiusMeters = 50,
            QuestionsJson = CategoryQuestion.Serialize([new CategoryQuestion("danger", "危険の程度", true, ["すぐに危ない", "注意が必要", "急がない"])]),
        };
        var facility = new PublicFacility { TenantId = tenant.Id, Name = "テスト市役所", Latitude = InsideLat, Longitude = InsideLon };
        await app.DbAsync(async db =>
        {
            db.Add(category);
            db.Add(facility);
            db.Add(new ReportArea { TenantId = tenant.Id, GeoJson = AreaGeoJson });
            await db.SaveChangesAsync();
        });
        return new Setup(tenant, category.Id, facility.Id);
    }

    /// <summary>Fields a resident fills for a valid report (place by text and coordinates).</summary>
    public static Dictionary<string, string> ValidFields(string description = "歩道に大きな穴があいている", double lat = InsideLat, double lon = InsideLon) => new()
    {
        ["Input.Description"] = description,
        ["Input.Address"] = "古川七日町の交差点",
        ["Input.Latitude"] = lat.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Longitude"] = lon.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Answers[danger]"] = "注意が必要",
    };

    /// <summary>Posts the page's main form as multipart/form-data, as a browser does with a file input.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, Page page, IDictionary<string, string> fields,
        params (string FileName, byte[] Bytes, string ContentType)[] photos)
    {
        var form = (IHtmlFormElement)page.Document.QuerySelector("main form[enctype='multipart/form-data']")!;
        var values = new Dictionary<string, string>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (!string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "file" or "radio" or "checkbox"))
            {
                values[input.Name] = input.Value;
            }
            else if (input.Type is "radio" or "checkbox" && input.IsChecked)
            {
                values[input.Name!] = input.Value;
            }
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>())
        {
            values[area.Name!] = area.Value;
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
        {
            values[select.Name!] = select.Value ?? "";
        }

        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        var content = new MultipartFormDataContent();
        foreach (var (k, v) in values)
        {
            content.Add(new StringContent(v), k);
        }

        foreach (var (name, bytes, type) in photos)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "Photos", name);
        }

        return await client.PostAsync(page.Url, content);
    }

    public static async Task<Page> ReadPageAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return new Page(response.RequestMessage!.RequestUri!.ToString(), Html.Parse(body), body);
    }
}
