using System.Collections.Concurrent;

namespace ChatHistory.Simulator.Bitrix24;

/// <summary>The Bitrix24 side of the simulator: data, issued OAuth tokens, the leaky bucket and throttling switches.</summary>
public sealed class Bitrix24State
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> refreshTokens = new(StringComparer.Ordinal);
    private int operationLimitsLeft;
    private TimeSpan operationResetIn;
    private int refreshes;
    private int operationLimitsSent;

    public Bitrix24State(Bitrix24Options options)
    {
        Options = options;
        Data = new Bitrix24Data(options);
        Bucket = new LeakyBucket(options.BucketSize, options.LeakPerSecond);
        Operating = new OperatingLedger(options.OperatingSecondsPerCall, options.OperatingLimitSeconds, options.OperatingWindow);
        accessTokens[options.AccessToken] = DateTimeOffset.UtcNow + options.TokenLifetime;
        refreshTokens[options.RefreshToken] = 0;
    }

    public Bitrix24Options Options { get; }

    public Bitrix24Data Data { get; }

    public LeakyBucket Bucket { get; }

    public OperatingLedger Operating { get; }

    /// <summary>Tokens renewed through /bitrix24/oauth/token/.</summary>
    public int Refreshes => refreshes;

    public int OperationLimitsSent => operationLimitsSent;

    /// <summary>Every access token issued so far runs out now, as after an hour.</summary>
    public void ExpireAccessTokens()
    {
        foreach (var token in accessTokens.Keys)
        {
            accessTokens[token] = DateTimeOffset.UtcNow.AddSeconds(-1);
        }
    }

    /// <summary>The next <paramref name="times"/> method calls answer 429 OPERATION_TIME_LIMIT, resetting after <paramref name="resetIn"/>.</summary>
    public void LimitOperations(int times, TimeSpan resetIn)
    {
        operationResetIn = resetIn;
        Interlocked.Exchange(ref operationLimitsLeft, times);
    }

    public bool TakeOperationLimit(out DateTimeOffset resetAt)
    {
        resetAt = DateTimeOffset.UtcNow + operationResetIn;
        while (true)
        {
            var left = Volatile.Read(ref operationLimitsLeft);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref operationLimitsLeft, left - 1, left) == left)
            {
                Interlocked.Increment(ref operationLimitsSent);
                return true;
            }
        }
    }

    public TokenCheck CheckAccessToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Missing;
        }

        if (!accessTokens.TryGetValue(token, out var expires))
        {
            return TokenCheck.Invalid;
        }

        return expires > DateTimeOffset.UtcNow ? TokenCheck.Valid : TokenCheck.Expired;
    }

    /// <summary>Trades a refresh token (single use) for a new access and refresh token.</summary>
    public (string AccessToken, string RefreshToken)? Refresh(string? refreshToken)
    {
        if (refreshToken is null || !refreshTokens.TryRemove(refreshToken, out _))
        {
            return null;
        }

        var number = Interlocked.Increment(ref refreshes);
        var access = $"sim-bitrix24-access-renewed-{number:D4}";
        var refresh = $"sim-bitrix24-refresh-renewed-{number:D4}";
        accessTokens[access] = DateTimeOffset.UtcNow + Options.TokenLifetime;
        refreshTokens[refresh] = 0;
        return (access, refresh);
    }
}

public enum TokenCheck
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>Bitrix24's per-portal limiter: each request adds one; the bucket drains at a steady rate; overflow is refused.</summary>
public sealed class LeakyBucket(int size, double leakPerSecond)
{
    private readonly object gate = new();
    private double level;
    private DateTimeOffset last = DateTimeOffset.UtcNow;
    private int rejected;

    public bool Enabled => size > 0;

    public int Rejected => rejected;

    public bool TryAdd(DateTimeOffset now)
    {
        if (!Enabled)
        {
            return true;
        }

        lock (gate)
        {
            level = Math.Max(0, level - (now - last).TotalSeconds * leakPerSecond);
            last = now;
            if (level + 1 > size)
            {
                rejected++;
                return false;
            }

            level += 1;
            return true;
        }
    }
}
