namespace ChatHistory.Engine;

/// <summary>
/// -Skip and -First counted over a whole pipeline run, which may span many input records.
/// </summary>
public sealed class PagingWindow(ulong skip, ulong? first)
{
    private ulong seen;
    private ulong emitted;

    /// <summary>Items passed over or emitted so far: the total count when the run was not cut short.</summary>
    public ulong Seen => seen;

    /// <summary>True once -First items have been emitted: stop reading.</summary>
    public bool IsFull => first is { } limit && emitted >= limit;

    /// <summary>Counts one item; true when it is to be emitted.</summary>
    public bool Admit()
    {
        if (IsFull)
        {
            return false;
        }

        if (seen++ < skip)
        {
            return false;
        }

        emitted++;
        return true;
    }
}
