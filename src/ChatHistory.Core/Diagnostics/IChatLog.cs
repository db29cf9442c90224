namespace ChatHistory.Diagnostics;

/// <summary>Where Core reports what it is doing; the cmdlets route it to -Verbose and warnings.</summary>
public interface IChatLog
{
    void Verbose(string message);

    void Warning(string message);
}
