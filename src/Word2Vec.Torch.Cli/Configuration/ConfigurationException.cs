namespace Word2Vec.Torch.Cli.Configuration;

/// <summary>A bad configuration: the message names the file, the key and the value.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message) : base(message) { }
}
