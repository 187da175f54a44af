namespace Word2Vec.Torch.Tests;

/// <summary>A fact that needs Linux (its loader, /proc, flock(1), kill(1)): elsewhere it is reported as skipped, with
/// why, never as passed.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string needs)
    {
        if (!OperatingSystem.IsLinux()) Skip = $"needs Linux: {needs}";
    }
}

/// <summary>A theory that needs Linux; see <see cref="LinuxFactAttribute"/>.</summary>
public sealed class LinuxTheoryAttribute : TheoryAttribute
{
    public LinuxTheoryAttribute(string needs)
    {
        if (!OperatingSystem.IsLinux()) Skip = $"needs Linux: {needs}";
    }
}
