namespace PartialLoading.Cli.Output;

/// <summary>
/// Test only: with <c>PLSOLVE_TEST_OUTPUT_STEP_MS=N</c> in the environment, each step of writing an output folder is
/// announced on stderr (<c>plsolve-test: output step: …</c>) and followed by N ms of pause, so that tests can kill
/// the process between any two steps (docs/model.md §8). Not meant for any other use.
/// </summary>
internal static class OutputSteps
{
    /// <summary>The announcer the environment asks for, or null (the normal case).</summary>
    public static Action<string>? FromEnvironment(TextWriter error)
        => int.TryParse(Environment.GetEnvironmentVariable("PLSOLVE_TEST_OUTPUT_STEP_MS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pause)
            ? step =>
            {
                error.WriteLine($"plsolve-test: output step: {step}");
                error.Flush();
                Thread.Sleep(pause);
            }
            : null;
}
