using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Word2Vec.Torch.Objective.GradientChecking;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>
/// w2v gradcheck: every hand-derived gradient (word2vec losses and models, the sentiment
/// classifiers) against autograd and centred finite differences, as a table; non-zero exit on a failure.
/// </summary>
public static class GradcheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var seed = new Option<long>("--seed") { Description = "Seed of the random inputs.", DefaultValueFactory = _ => 4321 };
        var command = new Command("gradcheck", "Compare manual gradients with autograd and finite differences (float64).") { seed };
        command.SetAction(r => CommandErrors.Run(stderr, () => Run(r.GetValue(seed), stdout)));
        return command;
    }

    public static int Run(long seed, TextWriter stdout)
    {
        var rows = GradientChecks.RunAll(seed).Concat(Evaluation.SentimentGradientChecks.RunAll(seed)).ToList();
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("case").NoWrap())
            .AddColumns("parameter", "shape", "max |manual − autograd|", "max rel. error", "finite-diff. rel. error", "result");
        string E(double v) => v.ToString("0.00E+00", CultureInfo.InvariantCulture);
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.Case), Markup.Escape(r.Parameter), Markup.Escape($"[{string.Join("x", r.Shape)}]"),
                E(r.MaxAbsDiffAutograd), E(r.MaxRelDiffAutograd), E(r.FiniteDifferenceRelError), r.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 180;   // one line a row: the longest case name is 57 characters
        console.Write(table);
        var failed = rows.Count(r => !r.Passed);
        stdout.WriteLine($"A row passes when the relative error against autograd is <= {GradientChecker.AutogradTolerance:0E+0} and against " +
                         $"centred finite differences (h = {GradientChecker.DefaultStep:0E+0}) <= {GradientChecker.FiniteDifferenceTolerance:0E+0}.");
        stdout.WriteLine($"gradcheck: {rows.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
