using System.Text;

namespace DePinGpu.ProviderNode.Initialization;

/// <summary>
/// Where the keystore password comes from: a file (<c>--password-file</c>), the <c>DEPIN_NODE_PASSWORD</c> variable,
/// or a prompt on the terminal — never the command line (other users see it in the process list) and never a log.
/// </summary>
public static class PasswordSource
{
    /// <summary>The environment variable read when no file is given.</summary>
    public const string EnvironmentVariable = "DEPIN_NODE_PASSWORD";

    /// <summary>Shortest password accepted for a new keystore.</summary>
    public const int MinimumLength = 8;

    private const int MaxFileBytes = 4096;

    /// <summary>The password, or a sentence saying why there is none.</summary>
    public static (string? Password, string? Problem) Read(string? passwordFile, bool confirm)
    {
        if (passwordFile is not null)
        {
            return FromFile(passwordFile);
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Checked(fromEnvironment);
        }

        if (Console.IsInputRedirected)
        {
            return (null, $"No password given: use --password-file FILE or set {EnvironmentVariable} (no terminal to ask on).");
        }

        var password = Prompt("Keystore password: ");
        if (confirm && Prompt("Repeat it: ") != password)
        {
            return (null, "The two passwords differ; run the command again.");
        }

        return Checked(password);
    }

    private static (string?, string?) FromFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, $"The password file {path} does not exist.");
        }

        if (info.Length > MaxFileBytes)
        {
            return (null, $"The password file {path} is over {MaxFileBytes} bytes; it should hold the password on its first line.");
        }

        var firstLine = File.ReadAllText(path, Encoding.UTF8).Split('\n')[0].TrimEnd('\r');
        return Checked(firstLine);
    }

    private static (string?, string?) Checked(string password) => password.Length < MinimumLength
        ? (null, $"The password is shorter than {MinimumLength} characters; choose a longer one.")
        : (password, null);

    private static string Prompt(string question)
    {
        Console.Error.Write(question);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
