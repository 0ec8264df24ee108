namespace PartialLoading.Core.Input;

/// <summary>
/// Cuts text echoed back in a problem message short, so a 10 MB cell or header makes a readable line (the file and
/// line already say where the whole text is).
/// </summary>
internal static class InputEcho
{
    /// <summary>Characters of a cell shown before it is cut.</summary>
    public const int MaxLength = 80;

    /// <summary>The text, or its first <see cref="MaxLength"/> characters and how long it was.</summary>
    public static string Cell(string text)
        => text.Length <= MaxLength ? text : $"{text[..MaxLength]}… ({text.Length} characters)";
}
