using System.Text.Json;
using System.Text.Json.Serialization;
using DePinGpu.TenantCli.Cli;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DePinGpu.TenantCli.Output;

/// <summary>
/// Prints a command's result to stdout in the chosen <see cref="OutputMode"/>, and progress notes to stderr (text mode
/// only, so stdout stays the result). JSON field names come from the view records and never change silently: the
/// snapshot tests pin them.
/// </summary>
internal sealed class CommandPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly CliEnvironment _environment;
    private readonly Lazy<IAnsiConsole> _console;

    /// <summary>Creates a printer for <paramref name="mode"/>.</summary>
    public CommandPrinter(CliEnvironment environment, OutputMode mode)
    {
        _environment = environment;
        Mode = mode;
        _console = new Lazy<IAnsiConsole>(CreateConsole);
    }

    /// <summary>The output mode.</summary>
    public OutputMode Mode { get; }

    /// <summary>The console for text output (tables, colours).</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>Serializes <paramref name="value"/> the way every JSON output is written.</summary>
    public static string ToJson(object value) => JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>Prints one record: its JSON view, its id, or its fields as lines.</summary>
    public void Record(object view, string id, IReadOnlyList<(string Name, string Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        switch (Mode)
        {
            case OutputMode.Json:
                _environment.Output.WriteLine(ToJson(view));
                break;
            case OutputMode.Quiet:
                _environment.Output.WriteLine(id);
                break;
            default:
                var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
                foreach (var (name, value) in fields)
                {
                    grid.AddRow(new Text(name + ":", new Style(decoration: Decoration.Bold)), new Text(value));
                }

                Console.Write(grid);
                break;
        }
    }

    /// <summary>Prints rows: a JSON array of their views, their ids, or a table.</summary>
    public void Table<T>(IReadOnlyList<T> rows, IReadOnlyList<Column<T>> columns, Func<T, object> view, Func<T, string> id)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        switch (Mode)
        {
            case OutputMode.Json:
                _environment.Output.WriteLine(ToJson(rows.Select(view).ToArray()));
                break;
            case OutputMode.Quiet:
                foreach (var row in rows)
                {
                    _environment.Output.WriteLine(id(row));
                }

                break;
            default:
                WriteTable(rows, columns);
                break;
        }
    }

    /// <summary>A progress note for people, on stderr; nothing in JSON or quiet mode.</summary>
    public void Note(string message)
    {
        if (Mode == OutputMode.Text)
        {
            _environment.Error.WriteLine(message);
        }
    }

    private void WriteTable<T>(IReadOnlyList<T> rows, IReadOnlyList<Column<T>> columns)
    {
        if (rows.Count == 0)
        {
            _environment.Error.WriteLine("(none)");
            return;
        }

        var table = new Table { Border = _environment.OutputIsTerminal ? TableBorder.Rounded : TableBorder.None };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column.Header, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in rows)
        {
            table.AddRow(columns.Select(column => (IRenderable)new Text(column.Value(row))).ToArray());
        }

        Console.Write(table);
    }

    private IAnsiConsole CreateConsole()
    {
        var colour = _environment.UsesColour;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = _environment.InputIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(_environment.Output),
        });
        if (!_environment.OutputIsTerminal)
        {
            // A pipe has no width: keep rows on one line so scripts can cut columns.
            console.Profile.Width = 240;
        }

        return console;
    }
}
