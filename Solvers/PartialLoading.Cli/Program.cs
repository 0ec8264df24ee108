using PartialLoading.Cli;

// The first Ctrl-C asks the solver to stop and report the best schedule so far; a second one ends the process.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

return PlsolveApp.Run(args, Console.Out, Console.Error, interrupt.Token);
