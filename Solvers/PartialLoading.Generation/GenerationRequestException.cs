namespace PartialLoading.Generation;

/// <summary>A <see cref="GenerationRequest"/> that a scenario cannot honour; the message is one line that says why.</summary>
public sealed class GenerationRequestException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public GenerationRequestException(string message)
        : base(message)
    {
    }
}
