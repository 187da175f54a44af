using System.Runtime.InteropServices;

namespace Word2Vec.Torch.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT), SIGTERM and SIGHUP all stop a run the same way: while a text corpus is read, the
/// reading stops and nothing is kept; while training, the loop writes a checkpoint at the step it is
/// at and ends; either way the command exits with the shell's code for the signal (128 + its number:
/// 130, 143, 129). A second signal is left to the runtime, as is every signal once this is disposed
/// (after training, while the outputs are written and evaluated).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(s => PosixSignalRegistration.Create(s, OnSignal)).ToArray();
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>The signal that stopped the run, if one did.</summary>
    public PosixSignal? Signal { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        if (Signal is not null) return;   // the second one: the runtime's default (exit now)
        Signal = context.Signal;
        context.Cancel = true;
        _cancel.Cancel();
    }

    public static int ExitCode(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        PosixSignal.SIGHUP => 129,
        _ => 1,
    };

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
