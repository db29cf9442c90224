using System.Globalization;
using System.Reflection;
using System.Text;

namespace ChatHistory.Demo;

/// <summary>Writes objects' public properties as CSV, the way Export-Csv does (arrays joined).</summary>
public sealed class CsvExport<T> : IDisposable
{
    private static readonly PropertyInfo[] Properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
    private readonly StreamWriter writer;

    public CsvExport(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(",", Properties.Select(p => Quote(p.Name))));
    }

    public void Write(T item) =>
        writer.WriteLine(string.Join(",", Properties.Select(p => Quote(Format(p.GetValue(item))))));

    public void Dispose() => writer.Dispose();

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join("; ", items.Cast<object?>().Select(i => i?.ToString())),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
}
