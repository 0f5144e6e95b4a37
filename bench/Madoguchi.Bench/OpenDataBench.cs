using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sylvan.Data.Csv;

namespace Madoguchi.Bench;

/// <summary>
/// Issue 6, the three benchmarks of the open data catalogue, in one run on one host:
/// (a) ingest of a --rows CSV (default 1,000,000) by the real ingest worker, rows/s and peak memory,
///     against reading the same file with bare Sylvan in the same run (goal: ratio ≥ 0.3); then the
///     time until the background has indexed every column (reported apart, not in the ingest);
/// (b) package_search over 10,000 published datasets (goal: p95 ≤ 30 ms);
/// (c) datastore_search with a filter on the ingested table (goal: p95 ≤ 100 ms).
/// Latencies are measured one request at a time over HTTP, alternating with status_show of the
/// same host (the bare baseline), as the other scenarios do.
/// </summary>
internal static class OpenDataBench
{
    private const int Datasets = 10_000;
    private const double SearchGoalMs = 30;
    private const double DatastoreGoalMs = 100;
    private const double IngestGoalRatio = 0.3;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var database = await BenchDatabase.CreateAsync(options);
        using var app = AppHost.Start(database);
        var tenant = await app.CreateTenantAsync("危機管理課", "子育て支援課", "市民課", "観光課");
        Console.WriteLine($"provider: {options.Provider}; load average at start: {LoadAverage()}");

        var csv = Path.Combine(database.DataDirectory, "bench.csv");
        WriteCsv(csv, options.Rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CSV: {options.Rows:N0} rows, {new FileInfo(csv).Length / 1e6:F1} MB (UTF-8, 8 columns)"));

        // (a) bare Sylvan first (it also warms the file cache for the ingest), then the real ingest.
        var (bareSeconds, barePeak) = await Measure(() => { BareRead(csv, options.Rows); return Task.CompletedTask; });
        // The ratio below uses that first (cold) read, as every run of this benchmark did; a second,
        // warm read (Sylvan's code compiled, as the ingest finds it) is printed beside it, so the
        // ratio against the faster baseline can be read too.
        var (warmSeconds, _) = await Measure(() => { BareRead(csv, options.Rows); return Task.CompletedTask; });
        var (uploadId, resourceId) = await CreateUploadAsync(app, tenant, csv);
        var (ingestSeconds, ingestPeak) = await Measure(() => WaitIngestedAsync(app, uploadId));
        var bareRate = options.Rows / bareSeconds;
        var ingestRate = options.Rows / ingestSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(a) bare Sylvan: {bareSeconds:F2} s, {bareRate:N0} rows/s, peak working set {barePeak:F0} MB; ingest: {ingestSeconds:F2} s, {ingestRate:N0} rows/s, peak working set {ingestPeak:F0} MB; ratio {ingestRate / bareRate:F3} (goal ≥ {IngestGoalRatio}) {(ingestRate / bareRate >= IngestGoalRatio ? "ok" : "MISS")}; load average {LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    bare Sylvan read again (warm): {warmSeconds:F2} s; ratio against it {warmSeconds / ingestSeconds:F3}"));

        if (options.Only == "ingest")
        {
            return 0;
        }

        var api = new HttpClient { BaseAddress = app.Address };
        var status = $"/{tenant.Code}/api/3/action/status_show";

        // (c) datastore_search on the ingested table.
        await PublishAsync(app, tenant, resourceId, uploadId);
        var datastore = $"/{tenant.Code}/api/3/action/datastore_search?resource_id={resourceId}&limit=100&filters=";
        var filters = new (string Name, Func<int, string> Filter)[]
        {
            ("filter ID (1 row)", i => JsonSerializer.Serialize(new Dictionary<string, string> { ["ID"] = Id(i * 7919 % options.Rows) })),
            ("filter 町名 (~100 rows)", i => JsonSerializer.Serialize(new Dictionary<string, string> { ["町名"] = Town(i * 31) })),
            ("filter 町名 + 区分 (~10 rows)", i => JsonSerializer.Serialize(new Dictionary<string, string> { ["町名"] = Town(i * 17), ["区分"] = Kind(i) })),
        };
        // Right after the ingest the value indexes are still being built in the background: these
        // first filters are answered by the scan. Then the time until every column is indexed. One
        // unfiltered page first, so the filters' times are not the first request's start-up.
        var ingested = Stopwatch.StartNew();
        await api.GetStringAsync($"/{tenant.Code}/api/3/action/datastore_search?resource_id={resourceId}&limit=1");
        foreach (var (name, filter) in filters)
        {
            var first = Stopwatch.StartNew();
            var body = await api.GetStringAsync(datastore + Uri.EscapeDataString(filter(1)));
            var elapsed = first.ElapsedMilliseconds;
            var state = await IndexedAsync(app, uploadId) ? "every column indexed" : "indexes still being built";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    first {name} right after ingest ({state}): {elapsed} ms, total {JsonDocument.Parse(body).RootElement.GetProperty("result").GetProperty("total").GetInt32()}"));
        }

        var (_, indexPeak) = await Measure(async () =>
        {
            while (!await IndexedAsync(app, uploadId))
            {
                await Task.Delay(100);
            }
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(c) every column indexed {ingested.Elapsed.TotalSeconds:F1} s after the ingest ended (background, not in the ingest figure), peak working set {indexPeak:F0} MB; load average {LoadAverage()}"));
        foreach (var (name, filter) in filters)
        {
            var first = Stopwatch.StartNew();
            await api.GetStringAsync(datastore + Uri.EscapeDataString(filter(2)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    first {name} with the index: {first.ElapsedMilliseconds} ms"));
        }

        await RunCasesAsync(api, status, options, DatastoreGoalMs, "(c) datastore_search over " + options.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows",
            filters.Select(f => (f.Name, (Func<int, string>)(i => datastore + Uri.EscapeDataString(f.Filter(i))))).ToList());

        if (options.Only == "datastore")
        {
            return 0;
        }

        // (b) package_search over 10,000 datasets.
        var seeded = Stopwatch.StartNew();
        await SeedDatasetsAsync(app, tenant);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {Datasets:N0} published datasets in {seeded.Elapsed.TotalSeconds:F0} s"));
        var search = $"/{tenant.Code}/api/3/action/package_search";
        await RunCasesAsync(api, status, options, SearchGoalMs, $"(b) package_search over {Datasets + 1:N0} datasets",
        [
            ("q=避難 rows=10", _ => search + "?q=" + Uri.EscapeDataString("避難") + "&rows=10"),
            ("q=保育 + facets", _ => search + "?q=" + Uri.EscapeDataString("保育") + "&facet.field=" + Uri.EscapeDataString("[\"organization\",\"tags\",\"res_format\",\"license_id\"]")),
            ("fq=tags:防災 sort=metadata_modified", _ => search + "?fq=" + Uri.EscapeDataString("tags:防災") + "&sort=" + Uri.EscapeDataString("metadata_modified desc")),
            ("*:* start=5000 rows=20", _ => search + "?q=*:*&start=5000&rows=20"),
            ("q=公園 一覧 (two terms)", i => search + "?q=" + Uri.EscapeDataString($"公園{i % 50} 一覧")),
        ]);
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    private static async Task RunCasesAsync(HttpClient api, string baselineUrl, BenchOptions options, double goalMs, string title, List<(string Name, Func<int, string> Url)> cases)
    {
        async Task<bool> GetAsync(string url)
        {
            using var response = await api.GetAsync(url);
            await response.Content.CopyToAsync(Stream.Null);
            return response.StatusCode == HttpStatusCode.OK;
        }

        foreach (var c in cases)
        {
            await GetAsync(c.Url(0)); // warm-up
        }

        var baseline = new LoadDriver.Tally();
        var tallies = cases.ToDictionary(c => c.Name, _ => new LoadDriver.Tally());
        var perRound = Math.Max(1, options.Requests / options.Rounds);
        var n = 0;
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var c in cases)
            {
                await LoadDriver.RunAsync([Enumerable.Range(0, perRound).Select(_ => new LoadDriver.Request(() => GetAsync(c.Url(++n)))).ToList()], tallies[c.Name]);
                await LoadDriver.RunAsync([Enumerable.Range(0, perRound).Select(_ => new LoadDriver.Request(() => GetAsync(baselineUrl))).ToList()], baseline);
            }
        }

        Console.WriteLine($"{title}; load average {LoadAverage()}");
        Console.WriteLine($"{"case",-40} {"requests",8} {"p50 ms",8} {"p95 ms",8} {"p95/base",8} {"goal",5}");
        foreach (var (name, t) in tallies.Append(new("baseline: status_show", baseline)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-40} {t.Requests,8} {t.Percentile(50),8:F1} {t.Percentile(95),8:F1} {t.Percentile(95) / baseline.Percentile(95),8:F1} {(t == baseline ? "" : t.Percentile(95) <= goalMs ? "ok" : "MISS"),5}"));
            if (t.Failures > 0)
            {
                Console.WriteLine($"  {t.Failures} requests failed");
            }
        }
    }

    private static string Id(int i) => "R" + i.ToString("D7", CultureInfo.InvariantCulture);

    private static string Town(int i) => "本町" + (i % 10_000).ToString(CultureInfo.InvariantCulture) + "丁目";

    private static string Kind(int i) => (i % 10) switch { 0 => "避難所", 1 => "公園", 2 => "学校", 3 => "公民館", 4 => "図書館", 5 => "保育所", 6 => "病院", 7 => "体育館", 8 => "駐車場", _ => "その他" };

    private static void WriteCsv(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("ID,名称,区分,町名,緯度,経度,電話番号,備考\r\n");
        for (var i = 0; i < rows; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{Id(i)},施設{i},{Kind(i / 10_000)},{Town(i)},{38 + i % 1000 / 1000.0:F4},{140 + i % 997 / 1000.0:F4},022-{i % 1000:D3}-{i % 10000:D4},\"備考, {i}\"\r\n"));
        }
    }

    /// <summary>The bare parser: every field of every record as a string, nothing kept.</summary>
    private static void BareRead(string path, int expected)
    {
        using var reader = CsvDataReader.Create(path);
        var rows = 0;
        long chars = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                chars += reader.GetString(i).Length;
            }

            rows++;
        }

        if (rows != expected || chars == 0)
        {
            throw new InvalidOperationException($"bare read {rows} rows, expected {expected}");
        }
    }

    /// <summary>Seconds taken and the peak working set (MB) of the process while it ran, sampled every 20 ms.</summary>
    private static async Task<(double Seconds, double PeakMb)> Measure(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peak = process.WorkingSet64;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20);
            }
        });
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        return (watch.Elapsed.TotalSeconds, peak / 1e6);
    }

    /// <summary>A dataset with a CSV resource and a queued upload of the file, as the upload page leaves them; the worker is nudged.</summary>
    private static async Task<(Guid Upload, Guid Resource)> CreateUploadAsync(AppHost app, BenchTenant tenant, string csv) =>
        await app.InTenantAsync(tenant, async (sp, db) =>
        {
            var dataset = new Dataset { TenantId = tenant.Id, DepartmentId = tenant.Departments[0], Name = "facilities", Title = "施設一覧（ベンチ）", Description = "100万行" };
            var resource = new DatasetResource { TenantId = tenant.Id, DatasetId = dataset.Id, Name = "施設", Format = ResourceFormat.Csv };
            var upload = new ResourceUpload { TenantId = tenant.Id, ResourceId = resource.Id, Number = 1, FileName = "facilities.csv", ContentType = "text/csv", Size = new FileInfo(csv).Length, Sha256 = "bench" };
            var path = sp.GetRequiredService<UploadFiles>().PathOf(tenant.Id, upload.Id);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(csv, path);
            resource.LatestUploadId = upload.Id;
            db.AddRange(dataset, resource, upload);
            await db.SaveChangesAsync();
            return (upload.Id, resource.Id);
        });

    private static async Task WaitIngestedAsync(AppHost app, Guid uploadId)
    {
        app.Services.GetRequiredService<IngestSignal>().Nudge();
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
            var state = await db.Set<ResourceUpload>().IgnoreQueryFilters().Where(u => u.Id == uploadId).Select(u => new { u.State, u.ErrorCount, u.ProblemsJson }).SingleAsync();
            if (state.State == UploadState.Failed)
            {
                throw new InvalidOperationException("The ingest failed: " + state.ProblemsJson[..Math.Min(500, state.ProblemsJson.Length)]);
            }

            if (state.State == UploadState.Passed)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> IndexedAsync(AppHost app, Guid uploadId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Madoguchi.Platform.Data.MadoguchiDb>();
        return await db.Set<ResourceUpload>().IgnoreQueryFilters().AnyAsync(u => u.Id == uploadId && u.IndexedAt != null);
    }

    private static Task PublishAsync(AppHost app, BenchTenant tenant, Guid resourceId, Guid uploadId) =>
        app.InTenantAsync(tenant, async (_, db) =>
        {
            var now = DateTime.UtcNow;
            await db.Set<DatasetResource>().Where(r => r.Id == resourceId).ExecuteUpdateAsync(s => s.SetProperty(r => r.PublishedUploadId, uploadId));
            var datasetId = await db.Set<DatasetResource>().Where(r => r.Id == resourceId).Select(r => r.DatasetId).SingleAsync();
            await db.Set<Dataset>().Where(d => d.Id == datasetId).ExecuteUpdateAsync(s => s.SetProperty(d => d.PublishedAt, now).SetProperty(d => d.LastPublishedAt, now));
            return 0;
        });

    /// <summary>10,000 published datasets spread over the departments, with tags and a resource each, through the app's own model (search text as the edit page makes it).</summary>
    private static async Task SeedDatasetsAsync(AppHost app, BenchTenant tenant)
    {
        string[] departments = ["危機管理課", "子育て支援課", "市民課", "観光課"];
        string[][] tagSets = [["防災", "避難"], ["子育て", "保育"], ["人口", "統計"], ["観光", "イベント"], ["公園", "施設"]];
        string[] subjects = ["指定緊急避難場所", "保育所", "地域・年齢別人口", "観光施設", "公園"];
        for (var start = 0; start < Datasets; start += 1000)
        {
            await app.InTenantAsync(tenant, async (_, db) =>
            {
                var now = DateTime.UtcNow;
                for (var i = start; i < start + 1000; i++)
                {
                    var kind = i % subjects.Length;
                    var dataset = new Dataset
                    {
                        TenantId = tenant.Id, DepartmentId = tenant.Departments[kind % tenant.Departments.Count], Name = $"dataset-{i:D5}",
                        Title = $"{subjects[kind]}{i % 50}一覧", Description = $"{subjects[kind]}の一覧です（{i}）。", Licence = i % 3 == 0 ? Licence.Pdl10 : Licence.CcBy40,
                        PublishedAt = now.AddMinutes(-i), LastPublishedAt = now.AddMinutes(-i),
                    };
                    dataset.Tags = tagSets[kind].Select(t => new DatasetTag { TenantId = tenant.Id, DatasetId = dataset.Id, Name = t }).ToList();
                    dataset.SearchText = SearchText.Of(dataset, departments[kind % departments.Length], null);
                    db.Add(dataset);
                    db.Add(new DatasetResource { TenantId = tenant.Id, DatasetId = dataset.Id, Name = "リンク", Format = ResourceFormat.Link, LinkUrl = "https://example.jp/" + i });
                }

                await db.SaveChangesAsync();
                return 0;
            });
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
