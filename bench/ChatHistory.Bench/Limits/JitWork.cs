using System.Runtime;

namespace ChatHistory.Bench.Limits;

/// <summary>Methods the JIT compiled and the time it spent, on every thread.</summary>
public sealed record JitWork(long Methods, TimeSpan Time)
{
    public static JitWork Now() => new(JitInfo.GetCompiledMethodCount(currentThread: false), JitInfo.GetCompilationTime(currentThread: false));

    public JitWork Since(JitWork before) => new(Methods - before.Methods, Time - before.Time);

    public override string ToString() => $"JIT {Methods} methods, {Time.TotalMilliseconds:0} ms";
}
