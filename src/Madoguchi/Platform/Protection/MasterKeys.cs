using System.Security.Cryptography;
using System.Text;

namespace Madoguchi.Platform.Protection;

/// <summary>
/// The master keys, kept in a file outside the database (<c>Platform:MasterKeyFile</c>), so that a
/// copy of the database or its backups alone opens nothing. Each line is <c>id base64-key</c>; the
/// first line wraps new data keys, the others only unwrap older ones (rotation, docs/operations.md).
/// When no file is configured, <c>master.key</c> under the data directory is created on first start
/// with mode 600; a configured file that is missing stops the start rather than silently making a
/// new key that could not open the existing data.
/// </summary>
public sealed class MasterKeys
{
    public sealed record Key(string Id, byte[] Bytes);

    private readonly IReadOnlyList<Key> _keys;

    public MasterKeys(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Platform:MasterKeyFile"];
        Path = configured is { Length: > 0 }
            ? System.IO.Path.Combine(environment.ContentRootPath, configured)
            : System.IO.Path.Combine(DataDirectory.Resolve(configuration, environment), "master.key");
        if (!File.Exists(Path))
        {
            if (configured is { Length: > 0 })
            {
                throw new InvalidOperationException($"The master key file {Path} (Platform:MasterKeyFile) does not exist.");
            }

            CreateFile(Path);
        }

        _keys = Read(Path);
        if (_keys.Count == 0)
        {
            throw new InvalidOperationException($"The master key file {Path} holds no key.");
        }
    }

    public string Path { get; }

    /// <summary>The key that wraps new data keys.</summary>
    public Key Current => _keys[0];

    public Key? Find(string id) => _keys.FirstOrDefault(k => k.Id == id);

    /// <summary>A new key line, as <c>keys new-master</c> prints it for rotation.</summary>
    public static string NewLine() =>
        $"mk-{DateTime.UtcNow:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))} {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}";

    private static void CreateFile(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(NewLine() + "\n"));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (a second node, a command) created it a moment ago: use theirs.
        }
    }

    private static List<Key> Read(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(parts => parts.Length == 2 && Convert.FromBase64String(parts[1]) is { Length: 32 } bytes
                ? new Key(parts[0], bytes)
                : throw new InvalidOperationException($"A line of the master key file {path} is not \"id base64-of-32-bytes\"."))
            .ToList();
}
