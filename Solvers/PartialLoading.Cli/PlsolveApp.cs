using System.CommandLine;
using PartialLoading.Cli.Commands;
using PartialLoading.Cli.Output;
using PartialLoading.Core.Input;
using PartialLoading.Core.Solving;

namespace PartialLoading.Cli;

/// <summary>
/// The <c>plsolve</c> command line (docs/model.md §9). Output goes to the writers given, so tests run it in-process.
/// Every failure becomes one line per problem on the error writer and an exit code; never a stack trace.
/// </summary>
internal static class PlsolveApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error, cancellationToken);
        RootCommand root = BuildRoot(console);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line per problem, as every other usage error (UsageException below): the hint goes on the line.
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"plsolve: {parseError.Message.ReplaceLineEndings(" ")} (see 'plsolve --help')");
            }

            return ExitCodes.BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (InvalidInputException e)
        {
            foreach (InputProblem problem in e.Problems)
            {
                error.WriteLine(problem.ToString());
            }

            return ExitCodes.BadInput;
        }
        catch (SolverNotApplicableException e)
        {
            error.WriteLine(RefusalLine.Of(e));
            return ExitCodes.BadInput;
        }
        catch (UsageException e)
        {
            error.WriteLine($"plsolve: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            error.WriteLine($"plsolve: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"plsolve: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            error.WriteLine($"plsolve: internal error ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InternalError;
        }
    }

    internal static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "plsolve: schedule inference requests on an edge GPU server whose models share parameter blocks, " +
            "and split the uplink bandwidth, to finish as many requests as possible by their deadlines.");
        root.Subcommands.Add(SolveCommand.Create(console));
        root.Subcommands.Add(VerifyCommand.Create(console));
        root.Subcommands.Add(InfoCommand.Create(console));
        root.Subcommands.Add(GenerateCommand.Create(console));
        root.Subcommands.Add(LibraryCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));
        root.Subcommands.Add(BoundCommand.Create(console));
        root.Subcommands.Add(SimulateCommand.Create(console));
        root.Subcommands.Add(ScoreCommand.Create(console));
        root.Subcommands.Add(SolversCommand.Create(console));
        NumericOptions.Install(root);
        return root;
    }
}

/// <summary>Where a command writes, and the token that Ctrl-C (or a test) cancels.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, CancellationToken CancellationToken);

/// <summary>A usage problem found after parsing (an option value out of range, an unknown solver).</summary>
internal sealed class UsageException(string message) : Exception(message);
