using System.IO.Compression;
using System.Text;

namespace Pipeline.Ingestion.Tests.Chargebee;

/// <summary>Builds Chargebee export zips in memory, from the fixture folder or from given members.</summary>
internal static class ChargebeeZip
{
    public static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "exports", "chargebee", "zip");

    /// <summary>Every file of the fixture folder at the root of a zip, optionally without some of them.</summary>
    public static byte[] FromFixture(params string[] without) =>
        Build(Directory.EnumerateFiles(FixtureFolder).Order(StringComparer.Ordinal)
            .Where(path => !without.Contains(Path.GetFileName(path)))
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path))).ToArray());

    public static byte[] Build(params (string Name, string Content)[] members) =>
        Build(members.Select(member => (member.Name, Encoding.UTF8.GetBytes(member.Content))).ToArray());

    public static byte[] Build(params (string Name, byte[] Content)[] members)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
