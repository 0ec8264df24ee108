namespace PartialLoading.Core.Input;

/// <summary>
/// Makes text echoed back in a problem message readable and harmless: cut short, so a 10 MB cell or header makes a
/// readable line (the file and line already say where the whole text is), and with control and invisible format
/// characters written as <c>\uXXXX</c>, so a NUL, a line break or a terminal escape in a cell neither breaks the
/// one-line message nor reaches the terminal, and a stray byte-order mark is seen.
/// </summary>
internal static class InputEcho
{
    /// <summary>Characters of a cell shown before it is cut.</summary>
    public const int MaxLength = 80;

    /// <summary>The text, or its first <see cref="MaxLength"/> characters and how long it was, with <see cref="IsHidden"/> characters escaped.</summary>
    public static string Cell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string shown = text.Length <= MaxLength ? text : text[..MaxLength];
        if (shown.Any(IsHidden))
        {
            var escaped = new System.Text.StringBuilder(shown.Length + 16);
            foreach (char c in shown)
            {
                escaped.Append(IsHidden(c) ? $"\\u{(int)c:X4}" : c);
            }

            shown = escaped.ToString();
        }

        return text.Length <= MaxLength ? shown : $"{shown}… ({text.Length} characters)";
    }

    /// <summary>Control characters (C0, DEL, C1) and format characters such as the byte-order mark and zero-width spaces.</summary>
    public static bool IsHidden(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;
}
