namespace PartialLoading.Generation.Architectures;

/// <summary>Parameter counts of the usual layers, so the architectures below read like their PyTorch definitions.</summary>
internal static class ParameterCount
{
    /// <summary><c>nn.Linear(inputs, outputs)</c>: weight and (optionally) bias.</summary>
    public static long Linear(long inputs, long outputs, bool bias = true) => (inputs * outputs) + (bias ? outputs : 0);

    /// <summary><c>nn.Conv2d(inputs, outputs, kernel, bias=False)</c>, as in ResNet.</summary>
    public static long Convolution(long inputs, long outputs, int kernel) => inputs * outputs * kernel * kernel;

    /// <summary><c>nn.LayerNorm</c> or <c>nn.BatchNorm2d</c>: a scale and a shift per feature (running statistics are buffers, not parameters).</summary>
    public static long Norm(long features) => 2 * features;

    /// <summary>RMSNorm (Llama): a scale per feature.</summary>
    public static long RmsNorm(long features) => features;

    /// <summary><c>nn.Embedding(rows, width)</c>.</summary>
    public static long Embedding(long rows, long width) => rows * width;
}
