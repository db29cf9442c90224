using ChatHistory.Engine;

namespace ChatHistory.Tests.Engine;

public class PagingWindowTests
{
    [Fact]
    public void SkipThenFirstAcrossManyInputs()
    {
        var window = new PagingWindow(skip: 2, first: 3);

        var admitted = Enumerable.Range(1, 10).Where(_ => window.Admit()).ToList();

        Assert.Equal([3, 4, 5], admitted);
        Assert.True(window.IsFull);
        Assert.Equal(5UL, window.Seen);
    }

    [Fact]
    public void WithoutFirstEverythingAfterSkipIsAdmittedAndCounted()
    {
        var window = new PagingWindow(skip: 1, first: null);

        var admitted = Enumerable.Range(1, 4).Count(_ => window.Admit());

        Assert.Equal(3, admitted);
        Assert.False(window.IsFull);
        Assert.Equal(4UL, window.Seen);
    }

    [Fact]
    public void FirstZeroIsFullBeforeAnything()
    {
        var window = new PagingWindow(skip: 0, first: 0);

        Assert.True(window.IsFull);
        Assert.False(window.Admit());
    }
}
